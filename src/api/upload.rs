//! Multipart uploads with real progress. `fetch` cannot report upload progress, so this one
//! transport uses `XMLHttpRequest`, and applies what the client does for every request: the
//! site's `token` header, `Update-Token` renewal, the `1001` sign-out, the envelope decoding
//! (an HTML error page is `NotJson`) and the timeout. An upload is a write: never cancelled
//! with its view and never retried.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::client::{api_config, finish, site_id, store_token_for, token_for, url, RawReply};
use super::envelope::Reply;
use super::ApiError;

/// How the transfer ended, before decoding.
enum Ended {
    Loaded,
    Failed,
    TimedOut,
}

/// The client's request timeout, three times over: an upload carries megabytes where a
/// request carries a few hundred bytes (30 s with the default 10 s).
fn upload_timeout_ms() -> u32 {
    api_config().request_timeout_ms.saturating_mul(3)
}

/// `POST /api/<path>` as `multipart/form-data` with `file` under `field`, calling
/// `on_progress(sent, total)` as the bytes leave.
pub async fn upload<T: DeserializeOwned>(
    path: &str,
    field: &str,
    file: &web_sys::File,
    on_progress: impl Fn(u64, u64) + 'static,
) -> Result<Reply<T>, ApiError> {
    upload_with_timeout(path, field, file, on_progress, upload_timeout_ms()).await
}

async fn upload_with_timeout<T: DeserializeOwned>(
    path: &str,
    field: &str,
    file: &web_sys::File,
    on_progress: impl Fn(u64, u64) + 'static,
    timeout_ms: u32,
) -> Result<Reply<T>, ApiError> {
    let net = |e: wasm_bindgen::JsValue| ApiError::Network(format!("{e:?}"));
    let site = site_id();
    let form = web_sys::FormData::new().map_err(net)?;
    form.append_with_blob_and_filename(field, file, &file.name())
        .map_err(net)?;
    let xhr = web_sys::XmlHttpRequest::new().map_err(net)?;
    xhr.open("POST", &url(path, &[])).map_err(net)?;
    xhr.set_timeout(timeout_ms);
    xhr.set_request_header("Accept", "application/json")
        .map_err(net)?;
    if let Some(token) = token_for(site) {
        xhr.set_request_header("token", &token).map_err(net)?;
    }

    let (done, ended) = oneshot::channel::<Ended>();
    let done = Rc::new(RefCell::new(Some(done)));
    let finish_with = |how: fn() -> Ended| {
        let done = Rc::clone(&done);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(tx) = done.borrow_mut().take() {
                let _ = tx.send(how());
            }
        })
    };
    let on_load = finish_with(|| Ended::Loaded);
    let on_error = finish_with(|| Ended::Failed);
    let on_abort = finish_with(|| Ended::Failed);
    let on_timeout = finish_with(|| Ended::TimedOut);
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
    xhr.set_ontimeout(Some(on_timeout.as_ref().unchecked_ref()));
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() {
                on_progress(event.loaded() as u64, event.total() as u64);
            }
        });
    if let Ok(target) = xhr.upload() {
        target.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    xhr.send_with_opt_form_data(Some(&form)).map_err(net)?;

    let ended = ended.await.unwrap_or(Ended::Failed);
    // The handlers lived until here; detach them before they are dropped.
    xhr.set_onload(None);
    xhr.set_onerror(None);
    xhr.set_onabort(None);
    xhr.set_ontimeout(None);
    if let Ok(target) = xhr.upload() {
        target.set_onprogress(None);
    }
    drop((on_load, on_error, on_abort, on_timeout, on_progress));
    match ended {
        Ended::TimedOut => return Err(ApiError::Timeout),
        Ended::Failed => return Err(ApiError::Network("the upload did not get through".into())),
        Ended::Loaded => {}
    }
    let header = |name: &str| {
        xhr.get_response_header(name)
            .ok()
            .flatten()
            .filter(|v| !v.is_empty())
    };
    let raw = RawReply {
        status: xhr.status().unwrap_or(0),
        content_type: header("content-type").unwrap_or_default(),
        body: xhr.response_text().ok().flatten().unwrap_or_default(),
        renewed_token: header("Update-Token"),
    };
    if let Some(renewed) = raw.renewed_token.as_deref() {
        store_token_for(site, renewed);
    }
    finish(raw)
}
