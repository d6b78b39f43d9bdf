//! `/product/:slug` and `/article/:slug`: one archive. Products show a gallery, price and
//! parameters; articles a byline. Both show content, tags and previous/next links, and
//! handle password-protected and member-only content.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFound;
use crate::api;
use crate::components::cards::Price;
use crate::components::data_view::{loaded, DataView};
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::components::rich_html::RichHtml;
use crate::components::skeleton::DetailSkeleton;
use crate::config::link;
use crate::domain::time::iso_date;
use crate::domain::{ArchiveDetail, ContentAccess, ContentKind, Param, Slug, TagRef};
use crate::i18n::use_i18n;
use crate::use_site;

#[component]
pub fn ArchivePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").and_then(|s| Slug::parse(&s))));
    let archive = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            match slug {
                // AnqiCMS answers a missing archive with a localized `-1` refusal that cannot
                // be told apart from other refusals, so it shows as an error with a retry.
                Some(slug) => api::content::archive(&slug).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <DataView fallback=|| view! { <DetailSkeleton /> }>
                {move || Suspend::new(async move { loaded(archive.await.map(|found| match found {
                        Some(detail) => view! { <ArchiveView detail /> }.into_any(),
                        None => view! { <NotFound /> }.into_any(),
                    }), move || archive.refetch()) })}
            </DataView>
    }
}

#[component]
fn ArchiveView(detail: ArchiveDetail) -> impl IntoView {
    let i18n = use_i18n();
    // The archive's module decides the layout; the route prefix is only cosmetic.
    let kind = use_site().kind_of(detail.summary.module_id);
    let seo = detail.seo.clone();
    let description = if seo.description.is_empty() {
        detail.summary.description.clone()
    } else {
        seo.description
    };
    let title = detail.summary.title.clone();
    let crumb = detail.category.clone();
    view! {
        <PageMeta title=seo.title description canonical=seo.canonical />
        <nav class="breadcrumb" aria-label=move || i18n.t("nav.breadcrumb")>
            <ol>
                <li><a href=link("/")>{move || i18n.t("nav.home")}</a></li>
                {crumb.map(|c| { let href = link(&c.href()); view! { <li><a href=href>{c.title}</a></li> } })}
                <li aria-current="page">{title.clone()}</li>
            </ol>
        </nav>
        {match kind {
            ContentKind::Product => view! { <ProductLayout detail /> }.into_any(),
            ContentKind::Article => view! { <ArticleLayout detail /> }.into_any(),
        }}
    }
}

#[component]
fn ProductLayout(detail: ArchiveDetail) -> impl IntoView {
    let i18n = use_i18n();
    let images = if detail.images.is_empty() {
        detail.summary.thumb.clone().into_iter().collect()
    } else {
        detail.images.clone()
    };
    view! {
        <article class="detail detail--product">
            <Gallery images title=detail.summary.title.clone() />
            <div class="detail__summary">
                <h1 class="page-title">{detail.summary.title.clone()}</h1>
                <Price money=detail.summary.price class="price price--large" />
                {(!detail.summary.description.is_empty())
                    .then(|| view! { <p class="page-lead">{detail.summary.description.clone()}</p> })}
                <p class="notice notice--info">{move || i18n.t("detail.add_to_cart_soon")}</p>
                <Params params=detail.params.clone() title_key="detail.params" />
            </div>
        </article>
        <section class="detail__content">
            <Body detail=detail.clone() />
            <TagList tags=detail.tags.clone() />
            <Neighbours id=detail.summary.id kind=ContentKind::Product />
        </section>
    }
}

#[component]
fn ArticleLayout(detail: ArchiveDetail) -> impl IntoView {
    let i18n = use_i18n();
    let date = iso_date(detail.summary.created_at);
    let views = detail.summary.views.to_string();
    let hero = detail.images.first().cloned();
    view! {
        <article class="article">
            <header class="article__header">
                <h1 class="page-title">{detail.summary.title.clone()}</h1>
                <p class="article__meta">
                    {date.map(|d| { let label = d.clone(); view! { <time datetime=d>{label}</time> } })}
                    <span>{move || i18n.t_with("detail.views", &[("n", &views)])}</span>
                </p>
            </header>
            {hero.map(|src| view! {
                <img class="article__hero" src=src alt="" width="1200" height="630" fetchpriority="high" />
            })}
            <Params params=detail.params.clone() title_key="detail.details" />
            <Body detail=detail.clone() />
            <TagList tags=detail.tags.clone() />
            <Neighbours id=detail.summary.id kind=ContentKind::Article />
        </article>
    }
}

/// The content, or what stands in its way: a password form or a membership notice.
#[component]
fn Body(detail: ArchiveDetail) -> impl IntoView {
    match detail.access {
        ContentAccess::Open => view! { <RichHtml html=detail.content_html /> }.into_any(),
        ContentAccess::PasswordRequired => {
            view! { <PasswordGate id=detail.summary.id /> }.into_any()
        }
        ContentAccess::LevelRequired { level } => view! { <LevelNotice level /> }.into_any(),
    }
}

/// Asks for the archive password and shows the content once it matches.
#[component]
fn PasswordGate(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<leptos::html::Input>::new();
    let unlock = Action::new_local(move |password: &String| {
        let password = password.clone();
        async move { api::content::unlock(id, &password).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A second submit while the first is in flight would only race it.
        if unlock.pending().get_untracked() {
            return;
        }
        let password = input.get().map(|el| el.value()).unwrap_or_default();
        if !password.is_empty() {
            unlock.dispatch(password);
        }
    };
    view! {
        {move || match unlock.value().get() {
            Some(Ok(Some(content))) => view! { <RichHtml html=content /> }.into_any(),
            outcome => {
                let wrong = matches!(outcome, Some(Ok(None)));
                let failure = match outcome {
                    Some(Err(err)) => Some(err),
                    _ => None,
                };
                view! {
                    <form class="gate" on:submit=on_submit>
                        <p class="gate__lead">{move || i18n.t("detail.locked")}</p>
                        <label class="field">
                            <span class="field__label">{move || i18n.t("detail.password_label")}</span>
                            <input node_ref=input type="password" name="password" autocomplete="off" required />
                        </label>
                        {wrong.then(|| view! { <p class="field__error" role="alert">{move || i18n.t("detail.wrong_password")}</p> })}
                        <button type="submit" class="button" disabled=move || unlock.pending().get()>
                            {move || if unlock.pending().get() { i18n.t("detail.unlocking") } else { i18n.t("detail.unlock") }}
                        </button>
                    </form>
                    {failure.map(|error| view! { <ErrorMessage error /> })}
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn LevelNotice(level: i64) -> impl IntoView {
    let i18n = use_i18n();
    let level = level.to_string();
    let session = expect_context::<crate::state::Session>();
    view! {
        <div class="gate" role="note">
            <p class="gate__lead">{move || i18n.t_with("detail.level_required", &[("level", &level)])}</p>
            {move || (!session.signed_in()).then(|| view! {
                <a class="button" href=link("/login")>{move || i18n.t("detail.sign_in_to_read")}</a>
            })}
        </div>
    }
}

/// Main image with thumbnails; choosing a thumbnail swaps the main image.
#[component]
fn Gallery(images: Vec<String>, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let (selected, set_selected) = signal(0usize);
    let main_images = images.clone();
    let main = move || main_images.get(selected.get()).cloned();
    let count = images.len();
    view! {
        <div class="gallery" role="group" aria-label=move || i18n.t("detail.gallery")>
            <div class="gallery__main">
                {move || main().map(|src| view! {
                    <img src=src alt=title.clone() width="800" height="800" fetchpriority="high" decoding="async" />
                })}
            </div>
            {(count > 1).then(|| view! {
                <ul class="gallery__thumbs">
                    {images.into_iter().enumerate().map(|(i, src)| {
                        let n = (i + 1).to_string();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="gallery__thumb"
                                    aria-pressed=move || (selected.get() == i).to_string()
                                    on:click=move |_| set_selected.set(i)
                                >
                                    <img src=src alt="" width="80" height="80" loading="lazy" />
                                    <span class="visually-hidden">{move || i18n.t_with("detail.image_n", &[("n", &n)])}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
fn Params(params: Vec<Param>, title_key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    (!params.is_empty()).then(|| view! {
        <section class="params">
            <h2 class="section__title">{move || i18n.t(title_key)}</h2>
            <dl class="params__list">
                {params.into_iter().map(|p| view! { <div class="params__row"><dt>{p.name}</dt><dd>{p.value}</dd></div> }).collect_view()}
            </dl>
        </section>
    })
}

#[component]
fn TagList(tags: Vec<TagRef>) -> impl IntoView {
    let i18n = use_i18n();
    (!tags.is_empty()).then(|| view! {
        <section class="tag-list" aria-label=move || i18n.t("detail.tags")>
            <ul class="chip-list">
                {tags.into_iter().map(|t| { let href = link(&t.href()); view! { <li><a class="chip" href=href>{t.title}</a></li> } }).collect_view()}
            </ul>
        </section>
    })
}

/// Previous/next in the same category. Secondary content: a failure hides it quietly.
#[component]
fn Neighbours(id: i64, kind: ContentKind) -> impl IntoView {
    let i18n = use_i18n();
    let neighbours = LocalResource::new(move || api::content::neighbours(id, kind));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let (prev, next) = neighbours.await.unwrap_or((None, None));
                (prev.is_some() || next.is_some()).then(|| view! {
                    <nav class="neighbours">
                        {prev.map(|n| view! {
                            <a class="neighbours__link" href=link(&n.href) rel="prev">
                                <span class="neighbours__label">{move || i18n.t("detail.previous")}</span>
                                <span>{n.title}</span>
                            </a>
                        })}
                        {next.map(|n| view! {
                            <a class="neighbours__link neighbours__link--next" href=link(&n.href) rel="next">
                                <span class="neighbours__label">{move || i18n.t("detail.next")}</span>
                                <span>{n.title}</span>
                            </a>
                        })}
                    </nav>
                })
            })}
        </Transition>
    }
}
