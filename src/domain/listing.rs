//! The state of a listing page (page, sort, facet filters, price range, search text) as it
//! lives in the URL's query string. The URL is the single source of truth: this type is parsed
//! from it, and every link that changes the listing is a new query string built from it.

use super::Money;

/// Items per listing page.
pub const PAGE_SIZE: u32 = 12;

/// Query keys with their own meaning; every other key is a facet filter.
const RESERVED_KEYS: [&str; 6] = ["page", "sort", "min", "max", "q", "step"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    #[default]
    Newest,
    PriceLow,
    PriceHigh,
    Popular,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::PriceLow, Sort::PriceHigh, Sort::Popular];

    pub fn key(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::PriceLow => "price-asc",
            Sort::PriceHigh => "price-desc",
            Sort::Popular => "popular",
        }
    }

    pub fn from_key(key: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }

    /// The AnqiCMS `order` parameter. The id tie-breaker keeps pages stable.
    pub fn api_order(self) -> &'static str {
        match self {
            Sort::Newest => "created_time desc,id desc",
            Sort::PriceLow => "price asc,id desc",
            Sort::PriceHigh => "price desc,id desc",
            Sort::Popular => "views desc,id desc",
        }
    }

    /// Price sorts make no sense for articles.
    pub fn applies_to_articles(self) -> bool {
        matches!(self, Sort::Newest | Sort::Popular)
    }
}

/// Everything that selects the rows of a listing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct ListingQuery {
    pub page: u32,
    pub sort: Sort,
    /// Facet selections in URL order: (field name, value).
    pub filters: Vec<(String, String)>,
    pub min_price: Option<Money>,
    pub max_price: Option<Money>,
    pub search: Option<String>,
}

impl ListingQuery {
    /// Reads the state from query pairs. Malformed values fall back to defaults rather than
    /// failing: a hand-edited URL should still show a listing.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ListingQuery {
        let mut query = ListingQuery {
            page: 1,
            ..Default::default()
        };
        for (key, value) in pairs {
            let value = value.trim();
            match key {
                "page" => query.page = value.parse::<u32>().ok().filter(|p| *p >= 1).unwrap_or(1),
                "sort" => query.sort = Sort::from_key(value),
                "min" => query.min_price = Money::parse_major(value),
                "max" => query.max_price = Money::parse_major(value),
                "q" if !value.is_empty() => query.search = Some(value.to_string()),
                _ if !value.is_empty() && !RESERVED_KEYS.contains(&key) && is_field_name(key) => {
                    query.filters.retain(|(field, _)| field != key);
                    query.filters.push((key.to_string(), value.to_string()));
                }
                _ => {}
            }
        }
        // Normalise an inverted range exactly as the price form does, keeping the page.
        ListingQuery {
            page: query.page,
            ..query.with_price(query.min_price, query.max_price)
        }
    }

    /// A copy with a price range (inverted bounds swapped), back on page 1.
    pub fn with_price(&self, min: Option<Money>, max: Option<Money>) -> ListingQuery {
        let (min_price, max_price) = match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => (Some(hi), Some(lo)),
            bounds => bounds,
        };
        ListingQuery {
            min_price,
            max_price,
            page: 1,
            ..self.clone()
        }
    }

    pub fn filter_value(&self, field: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_str())
    }

    /// A copy with one facet set (or cleared with `None`), back on page 1.
    pub fn with_filter(&self, field: &str, value: Option<&str>) -> ListingQuery {
        let mut next = self.clone();
        next.page = 1;
        next.filters.retain(|(f, _)| f != field);
        if let Some(value) = value {
            next.filters.push((field.to_string(), value.to_string()));
        }
        next
    }

    pub fn with_sort(&self, sort: Sort) -> ListingQuery {
        ListingQuery {
            sort,
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_page(&self, page: u32) -> ListingQuery {
        ListingQuery {
            page: page.max(1),
            ..self.clone()
        }
    }

    pub fn cleared(&self) -> ListingQuery {
        ListingQuery {
            page: 1,
            sort: self.sort,
            search: self.search.clone(),
            ..Default::default()
        }
    }

    pub fn has_refinements(&self) -> bool {
        !self.filters.is_empty() || self.min_price.is_some() || self.max_price.is_some()
    }

    /// The query string (with a leading `?`, or empty), defaults omitted so URLs stay short.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(q) = &self.search {
            pairs.push(("q".into(), q.clone()));
        }
        pairs.extend(self.filters.iter().cloned());
        if let Some(min) = self.min_price {
            pairs.push(("min".into(), min.to_major_string()));
        }
        if let Some(max) = self.max_price {
            pairs.push(("max".into(), max.to_major_string()));
        }
        if self.sort != Sort::default() {
            pairs.push(("sort".into(), self.sort.key().into()));
        }
        if self.page > 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    super::routes::encode_component(k),
                    super::routes::encode_component(v)
                )
            })
            .collect();
        format!("?{}", encoded.join("&"))
    }

    /// The AnqiCMS `price` parameter, in cents (`min-max` or `min`).
    pub fn api_price(&self) -> Option<String> {
        match (self.min_price, self.max_price) {
            (None, None) => None,
            (Some(min), None) => Some(min.cents.to_string()),
            (min, Some(max)) => Some(format!("{}-{}", min.unwrap_or_default().cents, max.cents)),
        }
    }
}

/// Page count from the server's total; at least one page so "page 1 of 1" reads well.
pub fn page_count(total: u64, page_size: u32) -> u32 {
    let size = u64::from(page_size.max(1));
    (total.div_ceil(size)).clamp(1, u64::from(u32::MAX)) as u32
}

/// The page numbers to show around the current one, with `None` for an ellipsis gap.
pub fn page_window(current: u32, pages: u32) -> Vec<Option<u32>> {
    let current = current.clamp(1, pages.max(1));
    let mut shown: Vec<u32> = vec![1, pages, current];
    shown.extend([current.saturating_sub(1), current + 1]);
    shown.retain(|p| *p >= 1 && *p <= pages);
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    for (i, page) in shown.iter().enumerate() {
        if i > 0 && *page > shown[i - 1] + 1 {
            out.push(None);
        }
        out.push(Some(*page));
    }
    out
}

/// Custom-field names are identifiers; anything else in the URL is not a filter.
fn is_field_name(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &[(&str, &str)]) -> ListingQuery {
        ListingQuery::from_pairs(q.iter().copied())
    }

    #[test]
    fn parses_and_defaults() {
        let q = parse(&[]);
        assert_eq!(q.page, 1);
        assert_eq!(q.sort, Sort::Newest);
        let q = parse(&[("page", "0"), ("sort", "bogus"), ("min", "abc")]);
        assert_eq!((q.page, q.sort, q.min_price), (1, Sort::Newest, None));
        let q = parse(&[
            ("page", "3"),
            ("sort", "price-asc"),
            ("color", "红色"),
            ("min", "10"),
        ]);
        assert_eq!(q.page, 3);
        assert_eq!(q.sort, Sort::PriceLow);
        assert_eq!(q.filter_value("color"), Some("红色"));
        assert_eq!(q.min_price, Some(Money::from_cents(1000)));
    }

    #[test]
    fn ignores_non_field_keys_and_swaps_inverted_ranges() {
        let q = parse(&[
            ("utm-source", "x"),
            ("1abc", "y"),
            ("size", ""),
            ("min", "50"),
            ("max", "10"),
        ]);
        assert!(q.filters.is_empty());
        assert_eq!(q.min_price, Some(Money::from_major(10)));
        assert_eq!(q.max_price, Some(Money::from_major(50)));
    }

    #[test]
    fn query_string_round_trips() {
        let q = parse(&[
            ("q", "蓝 杯"),
            ("color", "Red"),
            ("min", "9.9"),
            ("sort", "popular"),
            ("page", "2"),
        ]);
        let s = q.to_query_string();
        assert_eq!(
            s,
            "?q=%E8%93%9D%20%E6%9D%AF&color=Red&min=9.90&sort=popular&page=2"
        );
        assert_eq!(parse(&[]).to_query_string(), "");
    }

    #[test]
    fn changing_a_refinement_resets_the_page() {
        let q = parse(&[("page", "4"), ("color", "Red")]);
        let next = q.with_filter("size", Some("M"));
        assert_eq!(next.page, 1);
        assert_eq!(next.filter_value("color"), Some("Red"));
        assert_eq!(next.filter_value("size"), Some("M"));
        assert_eq!(next.with_filter("color", None).filter_value("color"), None);
        assert_eq!(q.with_sort(Sort::PriceHigh).page, 1);
        assert_eq!(q.with_page(0).page, 1);
        assert!(!q.cleared().has_refinements());
    }

    #[test]
    fn price_parameter_is_in_cents() {
        let mut q = parse(&[("min", "10"), ("max", "25.5")]);
        assert_eq!(q.api_price().as_deref(), Some("1000-2550"));
        q.min_price = None;
        assert_eq!(q.api_price().as_deref(), Some("0-2550"));
        q.max_price = None;
        assert_eq!(q.api_price(), None);
        assert_eq!(parse(&[("min", "3")]).api_price().as_deref(), Some("300"));
        let swapped = parse(&[("page", "2")])
            .with_price(Some(Money::from_major(9)), Some(Money::from_major(1)));
        assert_eq!(
            (swapped.min_price, swapped.max_price),
            (Some(Money::from_major(1)), Some(Money::from_major(9)))
        );
        assert_eq!(swapped.page, 1);
    }

    #[test]
    fn page_maths() {
        assert_eq!(page_count(0, 12), 1);
        assert_eq!(page_count(12, 12), 1);
        assert_eq!(page_count(13, 12), 2);
        assert_eq!(page_count(5, 0), 5);
        assert_eq!(page_window(1, 1), vec![Some(1)]);
        assert_eq!(
            page_window(5, 10),
            vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]
        );
        assert_eq!(page_window(2, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(page_window(99, 3), vec![Some(1), Some(2), Some(3)]);
    }
}
