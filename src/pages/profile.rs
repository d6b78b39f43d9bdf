//! `/account/profile`: the shopper's details and avatar.
//!
//! AnqiCMS overwrites every name field with what an update sends, so the form holds all of
//! them and the update sends the whole set ([`Profile::update_from`]); email and phone can
//! only be set while empty, so once set they are shown, not edited. The avatar is checked
//! (type, size) before a byte is sent, previewed, and uploaded with real progress.

use leptos::prelude::*;

use crate::api;
use crate::api::queries::{invalidate, use_query};
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::domain::account::{
    check_image, percent, Account, FileProblem, Profile, AVATAR_MAX_BYTES,
};
use crate::i18n::use_i18n;
use crate::state::write::Write;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let title = Signal::derive(move || i18n.t("acct.profile.title"));
    let account = use_query(api::account::account, || ());
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <Loaded
            query=account
            fallback=|| view! { <div class="skeleton skeleton--text"></div> }
            view={move |account: Account| view! {
                <AvatarForm current=account.avatar.clone() />
                <ProfileForm stored=account.profile />
            }.into_any()}
        />
    }
}

/// After a change. The account read is not invalidated here: that would rebuild this page's
/// forms under the shopper (the notice of what was saved with them). Every other page that
/// shows the account revalidates it when it opens.
fn account_changed() {
    invalidate(api::account::current_user, ());
}

#[component]
fn ProfileForm(stored: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::state::use_session();
    let save = Write::<Result<Option<String>, api::ApiError>>::new();
    let stored = StoredValue::new(stored);
    let fields: [(&'static str, &'static str, NodeRef<leptos::html::Input>); 6] = [
        ("user_name", "acct.profile.user_name", NodeRef::new()),
        ("real_name", "acct.profile.real_name", NodeRef::new()),
        ("first_name", "acct.profile.first_name", NodeRef::new()),
        ("last_name", "acct.profile.last_name", NodeRef::new()),
        ("email", "acct.profile.email", NodeRef::new()),
        ("phone", "acct.profile.phone", NodeRef::new()),
    ];
    let introduce = NodeRef::<leptos::html::Textarea>::new();
    let value_of = move |p: &Profile, name: &str| -> String {
        match name {
            "user_name" => p.user_name.clone(),
            "real_name" => p.real_name.clone(),
            "first_name" => p.first_name.clone(),
            "last_name" => p.last_name.clone(),
            "email" => p.email.clone(),
            _ => p.phone.clone(),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending.get_untracked() {
            return;
        }
        let read = |i: usize| {
            fields[i]
                .2
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default()
        };
        let edited = Profile {
            user_name: read(0),
            real_name: read(1),
            first_name: read(2),
            last_name: read(3),
            email: read(4),
            phone: read(5),
            introduce: introduce
                .get_untracked()
                .map(|el| el.value())
                .unwrap_or_default(),
        };
        let body = Profile::update_from(&stored.get_value(), &edited);
        save.run(async move {
            let outcome = api::account::save_profile(&body).await;
            if outcome.is_ok() {
                account_changed();
                // The header's name follows, a macrotask later, on a settled tree.
                let (name, display) = (body.user_name.clone(), body.display_name());
                leptos::task::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    if let Some(Some(mut user)) =
                        session.state.try_with_untracked(|s| s.user().cloned())
                    {
                        user.user_name = name;
                        user.display_name = display;
                        let _ = session
                            .state
                            .try_set(crate::domain::SessionState::SignedIn(user));
                    }
                });
            }
            outcome
        });
    };
    view! {
        <form class="profile-form" on:submit=on_submit>
            <h2 class="section__title">{move || i18n.t("acct.profile.details")}</h2>
            {fields.into_iter().map(|(name, label, node)| {
                let profile = stored.get_value();
                let locked = match name {
                    "email" => !profile.email_editable(),
                    "phone" => !profile.phone_editable(),
                    _ => false,
                };
                let kind = match name {
                    "email" => "email",
                    "phone" => "tel",
                    _ => "text",
                };
                let id = format!("profile-{name}");
                let hint_id = format!("profile-{name}-hint");
                view! {
                    <div class="field">
                        <label class="field__label" for=id.clone()>{move || i18n.t(label)}</label>
                        <input id=id node_ref=node name=name type=kind value=value_of(&profile, name)
                            readonly=locked required=name.eq("user_name")
                            aria-describedby=locked.then(|| hint_id.clone()) />
                        {locked.then(|| view! {
                            <p class="field__hint" id=hint_id.clone()>{move || i18n.t("acct.profile.locked")}</p>
                        })}
                    </div>
                }
            }).collect_view()}
            <div class="field">
                <label class="field__label" for="profile-introduce">{move || i18n.t("acct.profile.introduce")}</label>
                <textarea id="profile-introduce" node_ref=introduce name="introduce" rows="4"
                    prop:value=stored.get_value().introduce></textarea>
            </div>
            {move || save.value.get().map(|outcome| match outcome {
                Ok(_) => view! {
                    <p class="notice notice--success" role="status" data-profile-saved="">{i18n.t("acct.profile.saved")}</p>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
            <button type="submit" class="button" disabled=move || save.pending.get()>
                {move || if save.pending.get() { i18n.t("acct.saving") } else { i18n.t("acct.save") }}
            </button>
        </form>
    }
}

/// The picked file and its preview URL (revoked when replaced or left).
struct Picked {
    file: web_sys::File,
    preview: String,
}

fn revoke(picked: Option<Picked>) {
    if let Some(p) = picked {
        let _ = web_sys::Url::revoke_object_url(&p.preview);
    }
}

fn problem_key(problem: FileProblem) -> &'static str {
    match problem {
        FileProblem::NotAnImage => "acct.avatar.not_image",
        FileProblem::TooLarge => "acct.avatar.too_large",
        FileProblem::Empty => "acct.avatar.empty",
    }
}

#[component]
fn AvatarForm(current: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let picked = StoredValue::new_local(None::<Picked>);
    let preview = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<FileProblem>);
    let progress = RwSignal::new(0u8);
    let shown = RwSignal::new(current);
    let upload = Write::<Result<String, api::ApiError>>::new();
    on_cleanup(move || {
        if let Some(p) = picked.try_update_value(Option::take).flatten() {
            revoke(Some(p));
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else {
            return;
        };
        upload.clear();
        progress.set(0);
        revoke(picked.try_update_value(Option::take).flatten());
        preview.set(None);
        if let Err(p) = check_image(
            &file.type_(),
            &file.name(),
            file.size() as u64,
            AVATAR_MAX_BYTES,
        ) {
            problem.set(Some(p));
            return;
        }
        problem.set(None);
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&file) else {
            return;
        };
        preview.set(Some(url.clone()));
        picked.set_value(Some(Picked { file, preview: url }));
    };
    let start = move |_| {
        let Some(file) = picked.with_value(|p| p.as_ref().map(|p| p.file.clone())) else {
            return;
        };
        progress.set(0);
        upload.run(async move {
            let outcome = api::account::upload_avatar(&file, move |sent, total| {
                let _ = progress.try_set(percent(sent, total));
            })
            .await;
            if let Ok(url) = &outcome {
                let _ = shown.try_set(Some(url.clone()));
                let _ = preview.try_set(None);
                account_changed();
            }
            outcome
        });
    };
    view! {
        <section class="avatar-form" aria-labelledby="avatar-title">
            <h2 class="section__title" id="avatar-title">{move || i18n.t("acct.avatar.title")}</h2>
            <div class="avatar-form__row">
                {move || shown.get().map(|src| view! {
                    <img class="avatar-form__current" data-avatar-current="" src=src alt=i18n.t("acct.avatar.current") width="96" height="96" />
                })}
                {move || preview.get().map(|src| view! {
                    <img class="avatar-form__preview" data-avatar-preview="" src=src alt=i18n.t("acct.avatar.preview") width="96" height="96" />
                })}
            </div>
            <div class="field">
                <label class="field__label" for="avatar-file">{move || i18n.t("acct.avatar.choose")}</label>
                <input id="avatar-file" type="file" name="file" accept="image/jpeg,image/png,image/gif,image/webp"
                    aria-describedby="avatar-hint" on:change=on_change />
                <p class="field__hint" id="avatar-hint">{move || i18n.t("acct.avatar.hint")}</p>
            </div>
            {move || problem.get().map(|p| view! {
                <p class="field__error" role="alert" data-avatar-problem="">{i18n.t(problem_key(p))}</p>
            })}
            {move || preview.get().map(|_| view! {
                <button type="button" class="button" data-avatar-upload="" disabled=move || upload.pending.get() on:click=start>
                    {move || i18n.t("acct.avatar.upload")}
                </button>
            })}
            {move || (upload.pending.get() || progress.get() > 0).then(|| view! {
                <p class="upload-progress">
                    <label for="avatar-progress">{i18n.t("acct.avatar.progress")}</label>" "
                    <progress id="avatar-progress" max="100" value=move || progress.get()>{move || format!("{}%", progress.get())}</progress>
                    " "<span data-avatar-percent="">{move || format!("{}%", progress.get())}</span>
                </p>
            })}
            {move || upload.value.get().map(|outcome| match outcome {
                Ok(_) => view! {
                    <p class="notice notice--success" role="status" data-avatar-saved="">{i18n.t("acct.avatar.saved")}</p>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error /> }.into_any(),
            })}
        </section>
    }
}
