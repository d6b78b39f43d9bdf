//! UI strings through rust-i18n (`locales/*.yml`, compiled in), following the shop's language.

use leptos::prelude::*;

use crate::domain::Locale;

/// The UI locale as a reactive context value. Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The string for `key` in the current locale. Reading it inside a reactive closure
    /// re-renders that text when the locale changes.
    pub fn t(self, key: &str) -> String {
        translate(self.locale.get(), key)
    }

    /// Like [`I18n::t`], replacing `%{name}` placeholders.
    pub fn t_with(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.t(key);
        for (name, value) in args {
            text = text.replace(&format!("%{{{name}}}"), value);
        }
        text
    }

    /// An amount as text in the current locale and the site's currency (for sentences;
    /// a price on its own is the `Price` component).
    pub fn money(self, money: crate::domain::Money) -> String {
        money.format(self.locale.get(), &crate::api::api_config().currency_symbol)
    }
}

/// A non-reactive lookup, for code that already knows the locale.
pub fn translate(locale: Locale, key: &str) -> String {
    rust_i18n::t!(key, locale = locale.tag()).into_owned()
}

pub fn use_i18n() -> I18n {
    // Provided by `App` before any view that translates is created.
    use_context::<I18n>().unwrap_or_else(|| I18n {
        locale: RwSignal::new(Locale::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_translations() {
        let en: Vec<String> = rust_i18n::available_locales!()
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert!(
            en.contains(&"en".to_string()) && en.contains(&"zh-CN".to_string()),
            "{en:?}"
        );
        for key in [
            "nav.home",
            "error.timeout",
            "listing.sort.price-asc",
            "cart.title",
        ] {
            let zh = translate(Locale::ZhCn, key);
            let en = translate(Locale::En, key);
            assert_ne!(zh, en, "{key} is not translated");
            assert!(!zh.contains(key) && !en.contains(key), "{key} is missing");
        }
    }

    /// Reads every file in `locales/` (with serde-saphyr, the parser rust-i18n itself uses)
    /// into locale → its keys, flattened as rust-i18n flattens them (`listing.sort.newest`).
    #[cfg(not(target_arch = "wasm32"))]
    fn locale_files() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        use std::collections::{BTreeMap, BTreeSet};

        fn flatten(prefix: &str, value: &serde_json::Value, keys: &mut BTreeSet<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    for (name, value) in map {
                        let key = if prefix.is_empty() {
                            name.clone()
                        } else {
                            format!("{prefix}.{name}")
                        };
                        flatten(&key, value, keys);
                    }
                }
                _ => {
                    keys.insert(prefix.to_string());
                }
            }
        }

        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
        let mut locales = BTreeMap::new();
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
                .path();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            let value: serde_json::Value = match path.extension().and_then(|e| e.to_str()) {
                Some("yml" | "yaml") => serde_saphyr::from_str(&text)
                    .unwrap_or_else(|e| panic!("{} is not valid YAML: {e}", path.display())),
                Some("json") => serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display())),
                _ => panic!(
                    "{}: this test reads only .yml, .yaml and .json locale files",
                    path.display()
                ),
            };
            let serde_json::Value::Object(mut top) = value else {
                panic!("{} is not a mapping of keys", path.display());
            };
            // The file format's version, not a UI string.
            top.remove("_version");
            let mut keys = BTreeSet::new();
            flatten("", &serde_json::Value::Object(top), &mut keys);
            let locale = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_else(|| panic!("{}: no usable file name", path.display()))
                .to_string();
            locales.insert(locale, keys);
        }
        locales
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_locale_file_has_the_same_keys() {
        use std::collections::BTreeSet;

        let locales = locale_files();
        let compiled: BTreeSet<String> = rust_i18n::available_locales!()
            .iter()
            .map(|l| l.to_string())
            .collect();
        let on_disk: BTreeSet<String> = locales.keys().cloned().collect();
        assert_eq!(on_disk, compiled, "locales/ vs the locales compiled in");
        assert!(locales.len() >= 2, "{on_disk:?}");
        let all: BTreeSet<&String> = locales.values().flatten().collect();
        assert!(all.len() > 50, "only {} keys found: {all:?}", all.len());
        assert!(all.contains(&"nav.home".to_string()), "{all:?}");
        let problems: Vec<String> = locales
            .iter()
            .filter_map(|(locale, keys)| {
                let missing: Vec<&str> = all
                    .iter()
                    .filter(|key| !keys.contains(key.as_str()))
                    .map(|key| key.as_str())
                    .collect();
                (!missing.is_empty()).then(|| {
                    format!(
                        "locales/{locale} lacks {} key(s) other locales have: {}",
                        missing.len(),
                        missing.join(", ")
                    )
                })
            })
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
