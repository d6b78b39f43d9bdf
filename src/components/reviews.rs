//! Product reviews (documented edition): the average and distribution, approved reviews
//! paged (`?reviews=N` in the product's address), their images in a modal lightbox (focus
//! kept inside, Escape closes, focus back to the thumbnail), and the form that writes one
//! from a completed order line, with up to nine images uploaded with their own progress.
//! Review text is always text.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api;
use crate::api::queries::use_query;
use crate::api::reviews::{ReviewPage, REVIEWS_PAGE_SIZE};
use crate::components::data_view::{AfterContent, Loaded};
use crate::components::error_panel::ErrorMessage;
use crate::domain::account::{
    check_image, percent, FileProblem, Review, ReviewDraft, ScoreSummary, ATTACHMENT_MAX_BYTES,
    REVIEW_MAX_IMAGES,
};
use crate::domain::time::iso_date;
use crate::domain::Feature;
use crate::i18n::use_i18n;
use crate::state::use_feature;
use crate::state::write::Write;

/// The reviews section of a product page; nothing where the backend has no reviews.
#[component]
pub fn ProductReviews(archive_id: i64) -> impl IntoView {
    // Below the product: read once the product itself has painted.
    view! { <AfterContent><ReviewsIfOffered archive_id /></AfterContent> }
}

#[component]
fn ReviewsIfOffered(archive_id: i64) -> impl IntoView {
    let offered = use_feature(Feature::Reviews);
    move || offered.get().then(|| view! { <ReviewsOf archive_id /> })
}

fn stars(score: u8) -> String {
    let score = usize::from(score.min(5));
    format!("{}{}", "★".repeat(score), "☆".repeat(5 - score))
}

#[component]
fn ReviewsOf(archive_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .with(|q| q.get("reviews"))
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1)
    });
    let summary = use_query(api::reviews::summary, move || archive_id);
    let list = use_query(api::reviews::reviews, move || (archive_id, page.get()));
    view! {
        <section class="reviews" aria-labelledby="reviews-title">
            <h2 class="section__title" id="reviews-title">{move || i18n.t("review.title")}</h2>
            <Loaded
                query=summary
                fallback=|| view! { <div class="skeleton skeleton--text"></div> }
                view={move |s: ScoreSummary| view! { <Summary summary=s /> }.into_any()}
            />
            <Loaded
                query=list
                fallback=|| view! { <div class="skeleton skeleton--text"></div> }
                view={move |p: ReviewPage| view! { <ReviewList page=p current=page.get_untracked() /> }.into_any()}
            />
        </section>
    }
}

#[component]
fn Summary(summary: ScoreSummary) -> impl IntoView {
    let i18n = use_i18n();
    let total = summary.total();
    let Some(average) = summary.average_text() else {
        return view! { <p class="reviews__empty" data-review-total="0">{move || i18n.t("review.none")}</p> }.into_any();
    };
    let tenths = summary.average_tenths().unwrap_or(0);
    let rounded = u8::try_from((tenths + 5) / 10).unwrap_or(5);
    let label = {
        let average = average.clone();
        move || {
            i18n.t_with(
                "review.average",
                &[("score", &average), ("n", &total.to_string())],
            )
        }
    };
    view! {
        <div class="reviews__summary">
            <p class="reviews__average">
                <span class="reviews__score" data-review-average=average.clone() aria-hidden="true">{average.clone()}</span>
                " "<span class="reviews__stars" aria-hidden="true">{stars(rounded)}</span>
                " "<span data-review-total=total>{label}</span>
            </p>
            <table class="reviews__distribution">
                <caption class="visually-hidden">{move || i18n.t("review.distribution")}</caption>
                <tbody>
                    {(1..=5u8).rev().map(|n| {
                        let count = summary.counts[usize::from(n) - 1];
                        let share = summary.share_percent(n);
                        view! {
                            <tr data-review-stars=n>
                                <th scope="row">{move || i18n.t_with("review.stars", &[("n", &n.to_string())])}</th>
                                <td class="reviews__bar-cell">
                                    <span class="reviews__bar" aria-hidden="true"><span style=format!("width:{share}%")></span></span>
                                </td>
                                <td class="reviews__count" data-review-count="">{count}</td>
                                <td class="reviews__share">{format!("{share}%")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The product page's address (`path`, with the deploy's base) with another `reviews` page,
/// other parameters kept.
fn page_href(path: &str, search: &str, page: u32) -> String {
    let mut pairs: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("reviews="))
        .map(str::to_string)
        .collect();
    if page > 1 {
        pairs.push(format!("reviews={page}"));
    }
    if pairs.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", pairs.join("&"))
    }
}

#[component]
fn ReviewList(page: ReviewPage, current: u32) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let pages = page.total.div_ceil(u64::from(REVIEWS_PAGE_SIZE)).max(1) as u32;
    let lightbox = RwSignal::new(None::<(Vec<String>, usize)>);
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let href = move |n: u32| {
        page_href(
            // The router's pathname already includes the deploy's sub-path.
            &location.pathname.get_untracked(),
            &location.search.get_untracked(),
            n,
        )
    };
    view! {
        <ol class="reviews__list">
            {page.reviews.into_iter().map(|review| view! { <ReviewItem review lightbox opener /> }).collect_view()}
        </ol>
        {(pages > 1).then(|| view! {
            <nav class="reviews__pages" aria-label=move || i18n.t("review.pages")>
                {(current > 1).then(|| view! { <A href=href(current - 1) attr:rel="prev" attr:class="button button--quiet">{move || i18n.t("review.newer")}</A> })}
                <span class="reviews__page" aria-current="page">{move || i18n.t_with("review.page", &[("n", &current.to_string()), ("of", &pages.to_string())])}</span>
                {(current < pages).then(|| view! { <A href=href(current + 1) attr:rel="next" attr:class="button button--quiet">{move || i18n.t("review.older")}</A> })}
            </nav>
        })}
        <Lightbox open=lightbox opener />
    }
}

#[component]
fn ReviewItem(
    review: Review,
    lightbox: RwSignal<Option<(Vec<String>, usize)>>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let images = StoredValue::new(review.images.clone());
    let score = review.score;
    view! {
        <li class="review" data-review-id=review.id>
            <p class="review__head">
                <span class="review__stars" role="img" aria-label=move || i18n.t_with("review.stars", &[("n", &score.to_string())])>{stars(score)}</span>
                " "<span class="review__user">{review.user_name.clone()}</span>
                " "<time class="review__date">{iso_date(review.created_at).unwrap_or_default()}</time>
            </p>
            <p class="review__content">{review.content.clone()}</p>
            {(!review.images.is_empty()).then(|| view! {
                <ul class="review__images">
                    {review.images.iter().enumerate().map(|(i, src)| view! {
                        <li>
                            <button type="button" class="review__thumb" data-review-image=i
                                aria-label=move || i18n.t_with("review.open_image", &[("n", &(i + 1).to_string())])
                                on:click=move |ev| {
                                    opener.set_value(event_target::<web_sys::HtmlElement>(&ev).into());
                                    lightbox.set(Some((images.get_value(), i)));
                                }>
                                <img src=src.clone() alt="" width="72" height="72" loading="lazy" />
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!review.reply.is_empty()).then(|| view! {
                <p class="review__reply"><strong>{move || i18n.t("review.reply")}</strong>" "{review.reply.clone()}</p>
            })}
        </li>
    }
}

/// A modal image viewer: `<dialog>` keeps focus inside and Escape closes it; closing gives
/// focus back to the thumbnail that opened it.
#[component]
fn Lightbox(
    open: RwSignal<Option<(Vec<String>, usize)>>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let is_open = open.with(Option::is_some);
        if let Some(el) = dialog.get() {
            if is_open && !el.open() {
                let _ = el.show_modal();
            } else if !is_open && el.open() {
                el.close();
            }
        }
    });
    let on_close = move |_| {
        open.set(None);
        if let Some(el) = opener.try_get_value().flatten() {
            let _ = el.focus();
        }
    };
    let step = move |delta: isize| {
        open.update(|o| {
            if let Some((images, at)) = o {
                let n = images.len() as isize;
                if n > 0 {
                    *at = ((*at as isize + delta).rem_euclid(n)) as usize;
                }
            }
        });
    };
    view! {
        <dialog node_ref=dialog class="lightbox" aria-labelledby="lightbox-title" on:close=on_close
            on:keydown=move |ev| trap_focus(&ev, dialog)>
            <h2 class="visually-hidden" id="lightbox-title">{move || i18n.t("review.images")}</h2>
            {move || open.get().map(|(images, at)| {
                let count = images.len();
                let src = images.get(at).cloned().unwrap_or_default();
                view! {
                    <figure class="lightbox__figure">
                        <img class="lightbox__image" src=src alt=i18n.t_with("review.image_n", &[("n", &(at + 1).to_string()), ("of", &count.to_string())]) />
                        <figcaption>{format!("{} / {}", at + 1, count)}</figcaption>
                    </figure>
                    {(count > 1).then(|| view! {
                        <div class="lightbox__nav">
                            <button type="button" class="button button--quiet" on:click=move |_| step(-1)>{i18n.t("review.previous_image")}</button>
                            <button type="button" class="button button--quiet" on:click=move |_| step(1)>{i18n.t("review.next_image")}</button>
                        </div>
                    })}
                }
            })}
            <button type="button" class="button lightbox__close" on:click=move |_| {
                if let Some(el) = dialog.get() { el.close(); }
            }>{move || i18n.t("review.close")}</button>
        </dialog>
    }
}

/// Keeps Tab inside the open lightbox: from its last button to its first and back (a modal
/// `<dialog>` alone lets Tab leave for the browser's own controls).
fn trap_focus(ev: &leptos::ev::KeyboardEvent, dialog: NodeRef<leptos::html::Dialog>) {
    if ev.key() != "Tab" {
        return;
    }
    let Some(el) = dialog.get_untracked() else {
        return;
    };
    let Ok(buttons) = el.query_selector_all("button") else {
        return;
    };
    let count = buttons.length();
    if count == 0 {
        return;
    }
    let item = |i: u32| {
        buttons
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(n).ok())
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |i: u32| {
        item(i).zip(active.as_ref()).is_some_and(|(b, a)| {
            let b: &web_sys::Element = b.as_ref();
            b == a
        })
    };
    let target = if ev.shift_key() && is(0) {
        item(count - 1)
    } else if !ev.shift_key() && is(count - 1) {
        item(0)
    } else {
        None
    };
    if let Some(b) = target {
        ev.prevent_default();
        let _ = b.focus();
    }
}

/// One image of a review being written: its upload's progress and result.
#[derive(Clone, Debug, PartialEq)]
enum Shot {
    Uploading(u8),
    Done(String),
    Failed(api::ApiError),
}

fn problem_key(problem: FileProblem) -> &'static str {
    match problem {
        FileProblem::NotAnImage => "review.not_image",
        FileProblem::TooLarge => "review.too_large",
        FileProblem::Empty => "review.not_image",
    }
}

/// Writing a review of `archive_id` from order `order_id` (a completed order's line).
#[component]
pub fn ReviewForm(archive_id: i64, order_id: String, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let score = RwSignal::new(0u8);
    let content = NodeRef::<leptos::html::Textarea>::new();
    let shots = RwSignal::new(Vec::<(u32, RwSignal<Shot>)>::new());
    let next_id = StoredValue::new(0u32);
    let pick_problem = RwSignal::new(None::<&'static str>);
    let problem = RwSignal::new(None::<&'static str>);
    let send = Write::<Result<Option<String>, api::ApiError>>::new();
    let order_id = StoredValue::new(order_id);
    let group = format!("review-score-{archive_id}");
    let on_files = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(list) = input.files() else {
            return;
        };
        pick_problem.set(None);
        for i in 0..list.length() {
            let Some(file) = list.get(i) else { continue };
            if shots.with_untracked(Vec::len) >= REVIEW_MAX_IMAGES {
                pick_problem.set(Some("review.too_many"));
                break;
            }
            if let Err(p) = check_image(
                &file.type_(),
                &file.name(),
                file.size() as u64,
                ATTACHMENT_MAX_BYTES,
            ) {
                pick_problem.set(Some(problem_key(p)));
                continue;
            }
            let id = next_id.get_value();
            next_id.set_value(id + 1);
            let shot = RwSignal::new(Shot::Uploading(0));
            shots.update(|s| s.push((id, shot)));
            leptos::task::spawn_local(async move {
                let outcome = api::reviews::upload_image(&file, move |sent, total| {
                    let _ = shot.try_set(Shot::Uploading(percent(sent, total)));
                })
                .await;
                let _ = shot.try_set(match outcome {
                    Ok(url) => Shot::Done(url),
                    Err(error) => Shot::Failed(error),
                });
            });
        }
        input.set_value("");
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending.get_untracked() {
            return;
        }
        let all: Vec<Shot> =
            shots.with_untracked(|s| s.iter().map(|(_, s)| s.get_untracked()).collect());
        if all.iter().any(|s| matches!(s, Shot::Uploading(_))) {
            problem.set(Some("review.wait_uploads"));
            return;
        }
        let draft = ReviewDraft {
            archive_id,
            order_id: order_id.get_value(),
            score: score.get_untracked(),
            content: content
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default(),
            images: all
                .into_iter()
                .filter_map(|s| match s {
                    Shot::Done(url) => Some(url),
                    _ => None,
                })
                .collect(),
        };
        problem.set(draft.problem());
        if problem.get_untracked().is_some() {
            return;
        }
        send.run(async move { api::reviews::publish(&draft).await });
    };
    let sent = move || matches!(send.value.get(), Some(Ok(_)));
    let legend_id = format!("{group}-legend");
    view! {
        <Show when=sent fallback=move || {
            let group = group.clone();
            let legend_id = legend_id.clone();
            view! {
            <form class="review-form" data-review-form=archive_id on:submit=on_submit>
                <fieldset class="review-form__score">
                    <legend id=legend_id.clone()>{i18n.t_with("review.score_for", &[("title", &title)])}</legend>
                    <div class="review-form__stars" role="radiogroup" aria-labelledby=legend_id>
                        {(1..=5u8).map(|n| {
                            let id = format!("{group}-{n}");
                            view! {
                                <span class="review-form__star">
                                    <input type="radio" id=id.clone() name=group.clone() value=n.to_string()
                                        prop:checked=move || score.get() == n
                                        on:change=move |_| score.set(n) />
                                    <label for=id>{move || i18n.t_with("review.stars", &[("n", &n.to_string())])}</label>
                                </span>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label class="field__label" for=format!("{group}-text")>{move || i18n.t("review.text")}</label>
                    <textarea id=format!("{group}-text") node_ref=content name="content" rows="4" required></textarea>
                </div>
                <div class="field">
                    <label class="field__label" for=format!("{group}-images")>{move || i18n.t("review.add_images")}</label>
                    <input id=format!("{group}-images") type="file" name="images" multiple
                        accept="image/jpeg,image/png,image/gif,image/webp" on:change=on_files
                        aria-describedby=format!("{group}-images-hint") />
                    <p class="field__hint" id=format!("{group}-images-hint")>{move || i18n.t("review.images_hint")}</p>
                </div>
                {move || pick_problem.get().map(|k| view! { <p class="field__error" role="alert">{i18n.t(k)}</p> })}
                <ul class="review-form__shots">
                    <For each=move || shots.get() key=|(id, _)| *id let:item>
                        {
                            let (id, shot) = item;
                            view! {
                                <li class="review-form__shot" data-shot=id>
                                    {move || match shot.get() {
                                        Shot::Uploading(p) => view! {
                                            <progress max="100" value=p aria-label=i18n.t("review.uploading")>{format!("{p}%")}</progress>
                                            <span data-shot-percent="">{format!("{p}%")}</span>
                                        }.into_any(),
                                        Shot::Done(src) => view! {
                                            <img src=src alt=i18n.t("review.uploaded") width="72" height="72" data-shot-done="" />
                                        }.into_any(),
                                        Shot::Failed(error) => view! { <ErrorMessage error /> }.into_any(),
                                    }}
                                    <button type="button" class="button button--quiet" on:click=move |_| shots.update(|s| s.retain(|(i, _)| *i != id))>
                                        {i18n.t("review.remove_image")}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                {move || problem.get().map(|k| view! { <p class="field__error" role="alert">{i18n.t(k)}</p> })}
                {move || match send.value.get() {
                    Some(Err(error)) => Some(view! { <ErrorMessage error /> }),
                    _ => None,
                }}
                <button type="submit" class="button" disabled=move || send.pending.get()>{move || i18n.t("review.submit")}</button>
            </form>
        }}>
            <p class="notice notice--success" role="status" data-review-sent="">
                {move || match send.value.get() {
                    Some(Ok(Some(msg))) if !msg.trim().is_empty() => msg,
                    _ => i18n.t("review.sent"),
                }}
            </p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reviews_page_is_kept_in_the_address_with_the_other_parameters() {
        assert_eq!(
            page_href("/product/mug", "?sku=3", 2),
            "/product/mug?sku=3&reviews=2"
        );
        assert_eq!(
            page_href("/product/mug", "?reviews=2&sku=3", 1),
            "/product/mug?sku=3"
        );
        assert_eq!(page_href("/product/mug", "", 1), "/product/mug");
        assert_eq!(stars(4), "★★★★☆");
    }
}

/// "Write a review" for each line of a completed order (documented edition).
#[component]
pub fn OrderReviews(order_id: String, lines: Vec<(i64, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let offered = use_feature(Feature::Reviews);
    let order_id = StoredValue::new(order_id);
    let lines = StoredValue::new(lines);
    move || {
        offered.get().then(|| view! {
            <section class="order__reviews" aria-labelledby="order-reviews-title">
                <h2 class="section__title" id="order-reviews-title">{i18n.t("review.write_title")}</h2>
                <ul class="order__review-lines">
                    {lines.get_value().into_iter().filter(|(id, _)| *id > 0).map(|(archive_id, title)| {
                        let writing = RwSignal::new(false);
                        let title = StoredValue::new(title);
                        view! {
                            <li class="order__review-line" data-review-line=archive_id>
                                <Show when=move || writing.get() fallback=move || view! {
                                    <button type="button" class="button button--quiet" data-write-review=archive_id
                                        on:click=move |_| writing.set(true)>
                                        {i18n.t_with("review.write", &[("title", &title.get_value())])}
                                    </button>
                                }>
                                    <ReviewForm archive_id order_id=order_id.get_value() title=title.get_value() />
                                </Show>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
