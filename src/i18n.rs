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
            "detail.add_to_cart_soon",
        ] {
            let zh = translate(Locale::ZhCn, key);
            let en = translate(Locale::En, key);
            assert_ne!(zh, en, "{key} is not translated");
            assert!(!zh.contains(key) && !en.contains(key), "{key} is missing");
        }
    }
}
