//! Comments under an article: approved ones only, threaded, each praisable and answerable;
//! the form publishes with the site's captcha and shows the server's refusals (too short,
//! too fast, forbidden words) with everything typed kept. Names and text are plain text:
//! nothing a commenter writes is ever markup.

use leptos::prelude::*;

use crate::api;
use crate::api::comments::{Draft, Published, COMMENTS_PAGE_SIZE};
use crate::api::queries::{invalidate, use_query};
use crate::components::captcha::{captcha_answer, CaptchaField};
use crate::components::data_view::{AfterContent, Loaded};
use crate::components::error_panel::ErrorMessage;
use crate::domain::comments::{thread, Comment, Thread, MAX_DEPTH};
use crate::domain::time::iso_date;
use crate::domain::Paged;
use crate::i18n::use_i18n;
use crate::state::use_session;
use crate::state::write::Write;

/// The comments under an article, read once the article itself has painted.
#[component]
pub fn Comments(archive_id: i64) -> impl IntoView {
    view! { <AfterContent><CommentSection archive_id /></AfterContent> }
}

#[component]
fn CommentSection(archive_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let page = RwSignal::new(1u32);
    let list = use_query(api::comments::list, move || (archive_id, page.get()));
    // The comment being answered: (id, name).
    let reply_to = RwSignal::new(None::<(i64, String)>);
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title" class="section__title">{move || i18n.t("comments.title")}</h2>
            <Loaded
                query=list
                fallback=|| view! { <div class="skeleton skeleton--text"></div> }
                view={move |paged: Paged<(i64, Comment)>| {
                    let total = paged.total;
                    let threads = thread(paged.items);
                    let more = u64::from(page.get_untracked()) * u64::from(COMMENTS_PAGE_SIZE) < total;
                    view! {
                        {if threads.is_empty() {
                            view! { <p class="empty-state" data-comments-empty="">{i18n.t("comments.none")}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="comment-list">
                                    {threads.into_iter().map(|t| view! { <CommentItem thread=t depth=1 reply_to /> }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                        <div class="comments__pages">
                            {(page.get_untracked() > 1).then(|| view! {
                                <button type="button" class="button button--quiet" on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>
                                    {i18n.t("comments.newer")}
                                </button>
                            })}
                            {more.then(|| view! {
                                <button type="button" class="button button--quiet" on:click=move |_| page.update(|p| *p += 1)>
                                    {i18n.t("comments.older")}
                                </button>
                            })}
                        </div>
                    }.into_any()
                }}
            />
            <CommentForm archive_id reply_to on_shown=Callback::new(move |()| {
                invalidate(api::comments::list, (archive_id, page.get_untracked()));
            }) />
        </section>
    }
}

#[component]
fn CommentItem(
    thread: Thread,
    depth: usize,
    reply_to: RwSignal<Option<(i64, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let Thread { comment, replies } = thread;
    let id = comment.id;
    let votes = RwSignal::new(comment.vote_count);
    let praise = Write::<Result<i64, api::ApiError>>::new();
    let praised = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(n)) = praise.value.get() {
            votes.set(n);
            praised.set(true);
        }
    });
    let name = if comment.user_name.is_empty() {
        i18n.t("comments.anonymous")
    } else {
        comment.user_name.clone()
    };
    let name_for_reply = name.clone();
    let name_for_label = name.clone();
    let date = iso_date(comment.created_time);
    let next_depth = (depth + 1).min(MAX_DEPTH);
    view! {
        <li class="comment" data-comment=id>
            <article class="comment__body">
                <header class="comment__head">
                    <span class="comment__author">{name}</span>
                    {date.map(|d| { let label = d.clone(); view! { <time class="comment__date" datetime=d>{label}</time> } })}
                </header>
                <p class="comment__text">{comment.content}</p>
                <div class="comment__actions">
                    // AnqiCMS takes a praise from a signed-in shopper only; a guest sees the count.
                    {move || if session.signed_in() {
                        view! {
                            <button type="button" class="button button--quiet" data-praise=id
                                aria-pressed=move || praised.get().to_string()
                                disabled=move || praise.pending.get() || praised.get()
                                on:click=move |_| {
                                    praise.clear();
                                    praise.run(api::comments::praise(id));
                                }>
                                {move || i18n.t_with("comments.praise", &[("n", &votes.get().to_string())])}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <span class="comment__votes" data-votes=id>{move || i18n.t_with("comments.votes", &[("n", &votes.get().to_string())])}</span>
                        }.into_any()
                    }}
                    <button type="button" class="button button--quiet" data-reply=id
                        aria-label=move || i18n.t_with("comments.reply_to", &[("name", &name_for_label)])
                        on:click=move |_| reply_to.set(Some((id, name_for_reply.clone())))>
                        {move || i18n.t("comments.reply")}
                    </button>
                </div>
                {move || match praise.value.get() {
                    Some(Err(error)) => Some(view! { <ErrorMessage error /> }),
                    _ => None,
                }}
            </article>
            {(!replies.is_empty()).then(|| view! {
                <ol class=if depth < MAX_DEPTH { "comment-list comment-list--replies" } else { "comment-list" }>
                    {replies.into_iter().map(|t| view! { <CommentItem thread=t depth=next_depth reply_to /> }.into_any()).collect_view()}
                </ol>
            })}
        </li>
    }
}

#[component]
fn CommentForm(
    archive_id: i64,
    reply_to: RwSignal<Option<(i64, String)>>,
    on_shown: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let captcha = LocalResource::new(api::account::captcha);
    let answer = RwSignal::new(String::new());
    let user_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let content = RwSignal::new(String::new());
    let too_short = RwSignal::new(false);
    let publish = Write::<Result<Published, api::ApiError>>::new();
    Effect::new(move |_| {
        let Some(outcome) = publish.value.get() else {
            return;
        };
        // A picture works once: a new one for the next attempt, either way.
        answer.set(String::new());
        captcha.refetch();
        if let Ok(published) = outcome {
            // Sent: the text is done with. Only on success is anything cleared.
            content.set(String::new());
            reply_to.set(None);
            if published.shown {
                on_shown.run(());
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if publish.pending.get_untracked() {
            return;
        }
        let text = content.get_untracked();
        if text.trim().is_empty() {
            too_short.set(true);
            return;
        }
        too_short.set(false);
        let name = match session.user() {
            Some(user) => user.display_name,
            None => user_name.get_untracked(),
        };
        let draft = Draft {
            parent_id: reply_to.get_untracked().map(|(id, _)| id).unwrap_or(0),
            user_name: name,
            email: email.get_untracked(),
            content: text,
        };
        let solved = captcha_answer(captcha, answer);
        publish.clear();
        publish.run(api::comments::publish(archive_id, draft, solved));
    };
    view! {
        <form class="comment-form" on:submit=on_submit data-comment-form="">
            <h3 class="section__title">{move || i18n.t("comments.write")}</h3>
            {move || reply_to.get().map(|(_, name)| view! {
                <p class="comment-form__reply" data-replying="">
                    {i18n.t_with("comments.replying", &[("name", &name)])} " "
                    <button type="button" class="button button--quiet" on:click=move |_| reply_to.set(None)>
                        {i18n.t("comments.cancel_reply")}
                    </button>
                </p>
            })}
            {move || (!session.signed_in()).then(|| view! {
                <label class="field">
                    <span class="field__label">{i18n.t("comments.name")}</span>
                    <input class="input" name="user_name" autocomplete="nickname" maxlength="50"
                        prop:value=move || user_name.get()
                        on:input=move |ev| user_name.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field__label">{i18n.t("comments.email")}</span>
                    <input class="input" name="email" type="email" autocomplete="email" maxlength="100"
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev)) />
                </label>
            })}
            <label class="field">
                <span class="field__label">{move || i18n.t("comments.content")}</span>
                <textarea class="input" name="content" rows="4" maxlength="2000" required
                    aria-invalid=move || too_short.get().to_string()
                    prop:value=move || content.get()
                    on:input=move |ev| content.set(event_target_value(&ev))></textarea>
            </label>
            {move || too_short.get().then(|| view! { <p class="field__error" role="alert">{i18n.t("comments.empty")}</p> })}
            <CaptchaField captcha answer id="comment-captcha" />
            {move || match publish.value.get() {
                Some(Ok(published)) => {
                    let key = if published.shown { "comments.published" } else { "comments.pending" };
                    Some(view! { <p class="notice notice--success" role="status" data-comment-sent="">{i18n.t(key)}</p> }.into_any())
                }
                Some(Err(error)) => Some(view! { <div data-comment-error=""><ErrorMessage error /></div> }.into_any()),
                None => None,
            }}
            <button type="submit" class="button" disabled=move || publish.pending.get()>
                {move || if publish.pending.get() { i18n.t("comments.sending") } else { i18n.t("comments.send") }}
            </button>
        </form>
    }
}
