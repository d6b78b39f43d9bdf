//! Catalogue entities as the storefront sees them: what a page needs, not what a backend sends.

use super::routes::Route;
use super::Money;

/// What kind of content a module holds. AnqiCMS modules are admin-defined; the storefront only
/// needs to know whether to show prices and a product grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContentKind {
    Article,
    Product,
}

/// Search-engine metadata for a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seo {
    pub title: String,
    pub description: String,
    pub keywords: String,
    /// Absolute canonical URL. AnqiCMS renders the same content server-side, so pointing
    /// crawlers there keeps one indexed copy.
    pub canonical: Option<String>,
}

/// How an entity is addressed in our routes: by its readable slug when it has one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Slug {
    Token(String),
    Id(i64),
}

impl Slug {
    /// Prefers the url_token; an empty one falls back to the numeric id.
    pub fn new(url_token: &str, id: i64) -> Slug {
        let token = url_token.trim();
        if token.is_empty() || token.chars().all(|c| c.is_ascii_digit()) {
            Slug::Id(id)
        } else {
            Slug::Token(token.to_string())
        }
    }

    /// Reads a route segment back, the one rule for every `/:slug` route: all digits is an
    /// id, anything else a url_token. AnqiCMS's own URLs end in `.html` (`/product/26.html`,
    /// `/about.html`), so that suffix is dropped. `None` (an empty segment) is a 404.
    pub fn parse(segment: &str) -> Option<Slug> {
        let segment = segment.trim();
        let segment = segment.strip_suffix(".html").unwrap_or(segment).trim();
        if segment.is_empty() {
            None
        } else if let Ok(id) = segment.parse::<i64>() {
            (id > 0).then_some(Slug::Id(id))
        } else {
            Some(Slug::Token(segment.to_string()))
        }
    }

    /// The route segment, percent-encoded so any url_token forms a valid path.
    pub fn segment(&self) -> String {
        match self {
            Slug::Id(id) => id.to_string(),
            Slug::Token(token) => super::routes::encode_component(token),
        }
    }
}

/// A card in a listing: an article or a product.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveSummary {
    pub id: i64,
    pub slug: Slug,
    pub kind: ContentKind,
    pub module_id: i64,
    pub title: String,
    pub description: String,
    pub thumb: Option<String>,
    pub price: Money,
    pub category_id: i64,
    pub created_at: i64,
    pub views: i64,
    pub flags: Vec<char>,
    pub locked: bool,
}

impl ArchiveSummary {
    pub fn href(&self) -> String {
        Route::Archive(self.kind, self.slug.clone()).path()
    }
}

/// Why the body of an archive may be withheld.
#[derive(Clone, Debug, PartialEq)]
pub enum ContentAccess {
    Open,
    /// A password unlocks the content (`POST /api/archive/password/check`).
    PasswordRequired,
    /// The server replaced the content with a notice; a higher user level is needed.
    LevelRequired {
        level: i64,
    },
}

/// One custom field shown as a parameter row ("材质: 陶瓷").
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TagRef {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
}

impl TagRef {
    pub fn href(&self) -> String {
        Route::Tag(self.slug.clone()).path()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CategoryRef {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
}

impl CategoryRef {
    pub fn href(&self) -> String {
        Route::Category(self.slug.clone()).path()
    }
}

/// A full article or product page.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveDetail {
    pub summary: ArchiveSummary,
    pub images: Vec<String>,
    /// Untrusted HTML from the CMS; sanitize before inserting.
    pub content_html: String,
    pub access: ContentAccess,
    pub category: Option<CategoryRef>,
    pub tags: Vec<TagRef>,
    pub updated_at: i64,
    /// The product's own stock (the sum over its SKUs when it has options).
    pub stock: u32,
    pub seo: Seo,
}

/// A neighbouring archive in the same category.
#[derive(Clone, Debug, PartialEq)]
pub struct Neighbour {
    pub title: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
    pub description: String,
    /// Untrusted HTML.
    pub content_html: String,
    pub module_id: i64,
    pub parent_id: i64,
    pub image: Option<String>,
    pub seo: Seo,
}

impl Category {
    pub fn href(&self) -> String {
        Route::Category(self.slug.clone()).path()
    }

    pub fn as_ref(&self) -> CategoryRef {
        CategoryRef {
            id: self.id,
            slug: self.slug.clone(),
            title: self.title.clone(),
        }
    }
}

/// A single page (about, contact...).
#[derive(Clone, Debug, PartialEq)]
pub struct SinglePage {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
    pub content_html: String,
    pub image: Option<String>,
    pub seo: Seo,
}

impl SinglePage {
    pub fn href(&self) -> String {
        Route::Page(self.slug.clone()).path()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
    pub description: String,
    pub first_letter: String,
    pub seo: Seo,
}

impl Tag {
    pub fn href(&self) -> String {
        Route::Tag(self.slug.clone()).path()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub image: String,
    pub alt: String,
    pub description: String,
    /// Where the banner leads: a shop route or a checked external URL.
    pub link: Option<super::NavTarget>,
}

/// One group of facet values for a listing ("颜色: 红色 | 蓝色").
#[derive(Clone, Debug, PartialEq)]
pub struct Facet {
    pub field: String,
    pub name: String,
    pub options: Vec<String>,
}

/// A page of results with the server's total, so the page count can be computed.
#[derive(Clone, Debug, PartialEq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Which kind of content each module holds: the one source of truth for "product or
/// article", read from the module list at start-up. Cards, detail pages and listings all ask
/// it, so a renamed product module is a product everywhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModuleKinds {
    modules: Vec<(i64, ContentKind)>,
}

impl ModuleKinds {
    pub fn new(modules: Vec<(i64, ContentKind)>) -> ModuleKinds {
        ModuleKinds { modules }
    }

    /// The kind of a module. Without a module list (it failed to load), module 2 is the
    /// product module, as in every default AnqiCMS install.
    pub fn kind_of(&self, module_id: i64) -> ContentKind {
        self.modules
            .iter()
            .find(|(id, _)| *id == module_id)
            .map(|(_, kind)| *kind)
            .unwrap_or(if module_id == 2 {
                ContentKind::Product
            } else {
                ContentKind::Article
            })
    }

    /// The module id `module` names on this site.
    pub fn resolve(&self, module: ModuleRef) -> i64 {
        match module {
            ModuleRef::Id(id) => id,
            ModuleRef::FirstOf(kind) => self.first_of(kind),
        }
    }

    /// The first module holding `kind` (2 for products and 1 for articles by default).
    pub fn first_of(&self, kind: ContentKind) -> i64 {
        self.modules
            .iter()
            .find(|(_, k)| *k == kind)
            .map(|(id, _)| *id)
            .unwrap_or(match kind {
                ContentKind::Product => 2,
                ContentKind::Article => 1,
            })
    }
}

/// A module as a page names it: by id (a category's), or as the site's first module of a
/// kind (`/products`, the home shelves), which only the module list can turn into an id. Reads
/// resolve it, so a page never waits for the module list before it can ask for its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleRef {
    Id(i64),
    FirstOf(ContentKind),
}

/// Which rows a listing shows, besides the shopper's [`super::ListingQuery`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct ListingScope {
    pub module: Option<ModuleRef>,
    pub category_id: Option<i64>,
}

/// A category route's target: a category, or a single page when the id points at one
/// (AnqiCMS navigation links single pages as categories).
#[derive(Clone, Debug, PartialEq)]
pub enum CategoryOrPage {
    Category(Category),
    Page(SinglePage),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_prefer_tokens_and_round_trip() {
        assert_eq!(Slug::new("blue-mug", 12), Slug::Token("blue-mug".into()));
        assert_eq!(Slug::new("", 12), Slug::Id(12));
        assert_eq!(Slug::new("  ", 12), Slug::Id(12));
        // A numeric token would be read back as an id, so it is addressed by id instead.
        assert_eq!(Slug::new("2024", 12), Slug::Id(12));
        for slug in [Slug::Id(7), Slug::Token("kitchen".into())] {
            assert_eq!(Slug::parse(&slug.segment()), Some(slug));
        }
        assert_eq!(Slug::parse(""), None);
        // AnqiCMS's own `.html` URLs land on the same entity.
        assert_eq!(Slug::parse("26.html"), Some(Slug::Id(26)));
        assert_eq!(
            Slug::parse("merino-wool.html"),
            Some(Slug::Token("merino-wool".into()))
        );
        assert_eq!(Slug::parse(".html"), None);
        assert_eq!(Slug::parse("0"), None);
        assert_eq!(Slug::parse("-3"), None);
    }

    #[test]
    fn module_kinds_decide_product_or_article() {
        let renamed = ModuleKinds::new(vec![(1, ContentKind::Article), (7, ContentKind::Product)]);
        assert_eq!(renamed.kind_of(7), ContentKind::Product);
        assert_eq!(
            renamed.kind_of(2),
            ContentKind::Product,
            "unknown ids use the default"
        );
        assert_eq!(renamed.first_of(ContentKind::Product), 7);
        let empty = ModuleKinds::default();
        assert_eq!(empty.kind_of(2), ContentKind::Product);
        assert_eq!(empty.kind_of(1), ContentKind::Article);
        assert_eq!(empty.first_of(ContentKind::Article), 1);
        assert_eq!(renamed.resolve(ModuleRef::FirstOf(ContentKind::Product)), 7);
        assert_eq!(renamed.resolve(ModuleRef::Id(4)), 4);
        assert_eq!(empty.resolve(ModuleRef::FirstOf(ContentKind::Product)), 2);
    }

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(Slug::Token("a b/c".into()).segment(), "a%20b%2Fc");
        assert_eq!(Slug::Token("杯子".into()).segment(), "%E6%9D%AF%E5%AD%90");
        assert_eq!(super::super::routes::encode_component("ok-_.~"), "ok-_.~");
    }

    #[test]
    fn hrefs_follow_the_routes() {
        let card = ArchiveSummary {
            id: 3,
            slug: Slug::Token("blue-mug".into()),
            kind: ContentKind::Product,
            module_id: 2,
            title: "Blue mug".into(),
            description: String::new(),
            thumb: None,
            price: Money::from_cents(1990),
            category_id: 1,
            created_at: 0,
            views: 0,
            flags: vec![],
            locked: false,
        };
        assert_eq!(card.href(), "/product/blue-mug");
        let article = ArchiveSummary {
            kind: ContentKind::Article,
            slug: Slug::Id(9),
            ..card
        };
        assert_eq!(article.href(), "/article/9.html");
    }
}
