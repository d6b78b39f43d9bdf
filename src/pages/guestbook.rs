//! `/guestbook`: the contact form, drawn from the site's field definitions (text, number,
//! textarea, radio, select, checkbox, image), with the required fields checked before
//! anything is sent, and the site's captcha. The inputs are the browser's own form fields:
//! a refusal (wrong captcha, a server error) changes nothing the shopper typed or chose.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use crate::api::queries::use_query;
use crate::components::captcha::{captcha_answer, CaptchaField};
use crate::components::data_view::Loaded;
use crate::components::error_panel::ErrorMessage;
use crate::components::page_meta::PageMeta;
use crate::domain::guestbook::{missing, Field, FieldKind};
use crate::i18n::use_i18n;
use crate::state::write::Write;

#[component]
pub fn GuestbookPage() -> impl IntoView {
    let i18n = use_i18n();
    let fields = use_query(api::guestbook::fields, || ());
    let title = Signal::derive(move || i18n.t("guestbook.title"));
    view! {
        <PageMeta title />
        <h1 class="page-title">{move || title.get()}</h1>
        <p class="page-lead">{move || i18n.t("guestbook.lead")}</p>
        <Loaded
            query=fields
            fallback=|| view! { <div class="skeleton skeleton--card"></div> }
            view={|fields: Vec<Field>| view! { <GuestbookForm fields /> }.into_any()}
        />
    }
}

/// Whether the form holds an answer for `field`: a non-blank text, a chosen option, a file.
fn answered(data: &web_sys::FormData, field: &Field) -> bool {
    data.get_all(&field.field_name)
        .iter()
        .any(|value| match value.as_string() {
            Some(text) => !text.trim().is_empty(),
            // A file entry: an empty file input still sends a nameless, empty file.
            None => js_sys::Reflect::get(&value, &"size".into())
                .ok()
                .and_then(|s| s.as_f64())
                .is_some_and(|size| size > 0.0),
        })
}

#[component]
fn GuestbookForm(fields: Vec<Field>) -> impl IntoView {
    let i18n = use_i18n();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let captcha = LocalResource::new(api::account::captcha);
    let answer = RwSignal::new(String::new());
    let missing_names = RwSignal::new(Vec::<String>::new());
    let send = Write::<Result<Option<String>, api::ApiError>>::new();
    let thanked = RwSignal::new(None::<String>);
    let checked_fields = fields.clone();
    Effect::new(move |_| {
        let Some(outcome) = send.value.get() else {
            return;
        };
        answer.set(String::new());
        captcha.refetch();
        if let Ok(message) = outcome {
            thanked.set(Some(message.unwrap_or_else(|| i18n.t("guestbook.thanks"))));
            if let Some(form) = form_ref.get_untracked() {
                form.reset();
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending.get_untracked() {
            return;
        }
        let Some(form) = form_ref.get_untracked() else {
            return;
        };
        let form: &web_sys::HtmlFormElement = form.unchecked_ref();
        let Ok(data) = web_sys::FormData::new_with_form(form) else {
            return;
        };
        let absent: Vec<String> = missing(&checked_fields, |f| answered(&data, f))
            .into_iter()
            .map(|f| f.field_name.clone())
            .collect();
        missing_names.set(absent.clone());
        if !absent.is_empty() {
            // Focus the first unanswered field, so the message and the field meet.
            if let Some(first) = absent.first() {
                if let Ok(Some(el)) = form.query_selector(&format!("[name=\"{first}\"]")) {
                    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
            return;
        }
        thanked.set(None);
        send.clear();
        let solved = captcha_answer(captcha, answer);
        send.run(api::guestbook::submit(data, solved));
    };
    view! {
        <form class="guestbook" node_ref=form_ref on:submit=on_submit novalidate=true data-guestbook="">
            {fields.into_iter().map(|field| view! { <FieldInput field missing_names /> }).collect_view()}
            <CaptchaField captcha answer id="guestbook-captcha" />
            {move || (!missing_names.get().is_empty()).then(|| view! {
                <p class="field__error" role="alert" data-guestbook-missing="">{i18n.t("guestbook.missing")}</p>
            })}
            {move || match send.value.get() {
                Some(Err(error)) => Some(view! { <div data-guestbook-error=""><ErrorMessage error /></div> }.into_any()),
                _ => None,
            }}
            {move || thanked.get().map(|text| view! {
                <p class="notice notice--success" role="status" data-guestbook-thanks="">{text}</p>
            })}
            <button type="submit" class="button" disabled=move || send.pending.get()>
                {move || if send.pending.get() { i18n.t("guestbook.sending") } else { i18n.t("guestbook.send") }}
            </button>
        </form>
    }
}

#[component]
fn FieldInput(field: Field, missing_names: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = field.field_name.clone();
    let id = format!("gb-{name}");
    let error_id = format!("{id}-error");
    let is_missing = {
        let name = name.clone();
        move || missing_names.with(|m| m.contains(&name))
    };
    let invalid = {
        let is_missing = is_missing.clone();
        move || is_missing().to_string()
    };
    let label = if field.required {
        format!("{} *", field.name)
    } else {
        field.name.clone()
    };
    let required = field.required;
    let error = {
        let error_id = error_id.clone();
        let label = field.name.clone();
        move || {
            is_missing().then(|| {
                view! { <span id=error_id.clone() class="field__error">{i18n.t_with("guestbook.required", &[("name", &label)])}</span> }
            })
        }
    };
    match field.kind {
        FieldKind::Radio | FieldKind::Checkbox => {
            let kind = if field.kind == FieldKind::Radio { "radio" } else { "checkbox" };
            view! {
                <fieldset class="field field--choices" aria-invalid=invalid aria-describedby=error_id.clone() data-field=name.clone()>
                    <legend class="field__label">{label}</legend>
                    {field.options.into_iter().enumerate().map(|(i, option)| {
                        let option_id = format!("{id}-{i}");
                        let for_id = option_id.clone();
                        let value = option.clone();
                        view! {
                            <label class="choice" for=for_id>
                                <input id=option_id type=kind name=name.clone() value=value />
                                <span>{option}</span>
                            </label>
                        }
                    }).collect_view()}
                    {error}
                </fieldset>
            }
            .into_any()
        }
        FieldKind::Select => view! {
            <label class="field" data-field=name.clone()>
                <span class="field__label">{label}</span>
                <select class="input" name=name.clone() aria-invalid=invalid aria-required=required.to_string() aria-describedby=error_id.clone()>
                    <option value="">{move || i18n.t("guestbook.choose")}</option>
                    {field.options.into_iter().map(|option| { let value = option.clone(); view! { <option value=value>{option}</option> } }).collect_view()}
                </select>
                {error}
            </label>
        }
        .into_any(),
        FieldKind::Textarea => view! {
            <label class="field" data-field=name.clone()>
                <span class="field__label">{label}</span>
                <textarea class="input" name=name.clone() rows="5" maxlength="5000" aria-invalid=invalid aria-required=required.to_string() aria-describedby=error_id.clone()></textarea>
                {error}
            </label>
        }
        .into_any(),
        FieldKind::Image => view! {
            <label class="field" data-field=name.clone()>
                <span class="field__label">{label}</span>
                <input class="input" type="file" accept="image/*" name=name.clone() aria-invalid=invalid aria-required=required.to_string() aria-describedby=error_id.clone() />
                {error}
            </label>
        }
        .into_any(),
        FieldKind::Text | FieldKind::Number => {
            let (kind, mode) = if field.kind == FieldKind::Number { ("text", "decimal") } else { ("text", "text") };
            let autocomplete = match name.as_str() {
                "user_name" => "name",
                "email" => "email",
                "contact" => "tel",
                _ => "off",
            };
            view! {
                <label class="field" data-field=name.clone()>
                    <span class="field__label">{label}</span>
                    <input class="input" type=kind inputmode=mode name=name.clone() autocomplete=autocomplete maxlength="200" aria-invalid=invalid aria-required=required.to_string() aria-describedby=error_id.clone() />
                    {error}
                </label>
            }
            .into_any()
        }
    }
}
