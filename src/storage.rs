//! Browser storage that never takes the app down: private mode, a full quota or a disabled
//! storage only lose persistence, so every failure is logged and ignored.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn read(storage: Option<web_sys::Storage>, key: &str) -> Option<String> {
    storage?.get_item(key).ok().flatten()
}

fn write(storage: Option<web_sys::Storage>, key: &str, value: &str) {
    let written = storage
        .map(|s| s.set_item(key, value).is_ok())
        .unwrap_or(false);
    if !written {
        web_sys::console::warn_1(
            &format!("storage unavailable; '{key}' kept in memory only").into(),
        );
    }
}

pub fn get_string(key: &str) -> Option<String> {
    read(local(), key)
}

pub fn set_string(key: &str, value: &str) {
    write(local(), key, value);
}

/// Like [`set_string`], but says whether the value was stored (a full or disabled storage
/// answers `false`), for data the shopper must be told is not kept.
pub fn try_set_string(key: &str, value: &str) -> bool {
    let stored = local()
        .map(|s| s.set_item(key, value).is_ok())
        .unwrap_or(false);
    if !stored {
        web_sys::console::warn_1(&format!("storage unavailable; '{key}' not stored").into());
    }
    stored
}

pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

pub fn session_get(key: &str) -> Option<String> {
    read(session(), key)
}

pub fn session_set(key: &str, value: &str) {
    write(session(), key, value);
}

pub fn session_remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}
