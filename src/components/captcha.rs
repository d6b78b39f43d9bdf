//! The site's captcha (§8) as a form field: the picture, "another picture", and the answer.
//! A picture works for one attempt, so forms ask for a new one after every submission.

use leptos::prelude::*;

use crate::api::account::Captcha;
use crate::api::ApiError;
use crate::components::error_panel::ErrorMessage;
use crate::i18n::use_i18n;

/// The picture and the answer field; nothing when the site has captcha off. `answer` is
/// the typed text; `id` names the input (unique per page).
#[component]
pub fn CaptchaField(
    captcha: LocalResource<Result<Option<Captcha>, ApiError>>,
    answer: RwSignal<String>,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match captcha.get() {
        Some(Ok(Some(picture))) => Some(
            view! {
                <div class="field captcha">
                    <label class="field__label" for=id>{i18n.t("account.captcha")}</label>
                    <div class="captcha__row">
                        <img class="captcha__image" src=picture.image alt=i18n.t("account.captcha_alt") width="240" height="76" />
                        <button type="button" class="button button--quiet captcha__new" on:click=move |_| captcha.refetch()>
                            {i18n.t("account.captcha_new")}
                        </button>
                    </div>
                    <input id=id name="captcha" autocomplete="off" autocapitalize="none" spellcheck="false"
                        inputmode="text" required maxlength="8"
                        prop:value=move || answer.get()
                        on:input=move |ev| answer.set(event_target_value(&ev)) />
                </div>
            }
            .into_any(),
        ),
        Some(Err(error)) => Some(
            view! { <ErrorMessage error on_retry=Callback::new(move |()| captcha.refetch()) /> }
                .into_any(),
        ),
        _ => None,
    }
    }
}

/// The captcha id and typed answer to send, when the site shows a picture.
pub fn captcha_answer(
    captcha: LocalResource<Result<Option<Captcha>, ApiError>>,
    answer: RwSignal<String>,
) -> Option<(String, String)> {
    captcha
        .get_untracked()
        .and_then(Result::ok)
        .flatten()
        .map(|c| (c.id, answer.get_untracked()))
}
