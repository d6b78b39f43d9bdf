//! Answers to the first API reads, started by `public/early.js` while the wasm was still
//! downloading (config.json's text, which early.js read too, is taken by `config`). Each
//! is taken once, and only by a read with the same URL and the same `token`/`cart`
//! headers; the answer then goes through the same decoding as any other, so a failed,
//! refused or HTML answer shows the same message. Without early.js (or for any other read)
//! nothing is found here and the client fetches as usual.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::client::RawReply;
use super::ApiError;

fn early() -> Option<JsValue> {
    let window = web_sys::window()?;
    let early = Reflect::get(&window, &JsValue::from_str("__early")).ok()?;
    early.is_object().then_some(early)
}

/// The early answer to `url` read with these headers, if early.js started one; taken once.
pub fn take(url: &str, token: Option<&str>, cart: Option<&str>) -> Option<Promise> {
    let early = early()?;
    let take: Function = Reflect::get(&early, &JsValue::from_str("take"))
        .ok()?
        .dyn_into()
        .ok()?;
    let answer = take
        .call3(
            &early,
            &JsValue::from_str(url),
            &JsValue::from_str(token.unwrap_or("")),
            &JsValue::from_str(cart.unwrap_or("")),
        )
        .ok()?;
    answer.dyn_into::<Promise>().ok()
}

fn text(value: &JsValue, key: &str) -> String {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Waits for an early answer. early.js applies the configured timeout from the moment it
/// sent the request, and says `timeout` when it gave up.
pub async fn answer(promise: Promise) -> Result<RawReply, ApiError> {
    match JsFuture::from(promise).await {
        Ok(value) => {
            let status = Reflect::get(&value, &JsValue::from_str("status"))
                .ok()
                .and_then(|v| v.as_f64())
                .filter(|s| (0.0..=999.0).contains(s))
                .map(|s| s as u16)
                .ok_or_else(|| ApiError::Network("early answer without a status".into()))?;
            let renewed = text(&value, "renewed");
            Ok(RawReply {
                status,
                content_type: text(&value, "type"),
                body: text(&value, "body"),
                renewed_token: Some(renewed).filter(|t| !t.is_empty()),
            })
        }
        Err(error) => {
            let message = text(&error, "message");
            if message == "timeout" {
                Err(ApiError::Timeout)
            } else {
                Err(ApiError::Network(message))
            }
        }
    }
}
