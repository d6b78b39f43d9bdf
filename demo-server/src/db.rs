//! SQLite schema and migrations.
//!
//! Every content table carries `site_id`: AnqiCMS gives each language site its own
//! database, so ids legitimately repeat across sites (archive 12 exists on both).
//! Migrations are ordered SQL scripts; `schema_version` records how many have run.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

/// Ordered migrations. Append only: never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SCHEMA_V4,
    SCHEMA_V5,
    SCHEMA_V6,
    SCHEMA_SOCIAL,
    SCHEMA_DISTRIBUTION,
];

const SCHEMA_V1: &str = r#"
CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    language_name TEXT NOT NULL,
    language_emoji TEXT NOT NULL,
    dir TEXT NOT NULL DEFAULT '',
    is_main INTEGER NOT NULL DEFAULT 0,
    token_secret TEXT NOT NULL
);
-- system / contact / index settings as JSON documents, as AnqiCMS stores its configs.
CREATE TABLE settings (
    site_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (site_id, kind)
);
CREATE TABLE modules (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    url_token TEXT NOT NULL,
    title TEXT NOT NULL,
    name TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    title_name TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '[]',
    is_system INTEGER NOT NULL DEFAULT 1,
    status INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE categories (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL DEFAULT 0,
    module_id INTEGER NOT NULL DEFAULT 0,
    type INTEGER NOT NULL DEFAULT 1,
    title TEXT NOT NULL,
    seo_title TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    url_token TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0,
    images TEXT NOT NULL DEFAULT '[]',
    logo TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE UNIQUE INDEX categories_url_token ON categories (site_id, url_token);
CREATE TABLE archives (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    parent_id INTEGER NOT NULL DEFAULT 0,
    module_id INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    seo_title TEXT NOT NULL DEFAULT '',
    url_token TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    images TEXT NOT NULL DEFAULT '[]',
    price INTEGER NOT NULL DEFAULT 0,
    stock INTEGER NOT NULL DEFAULT 9999999,
    read_level INTEGER NOT NULL DEFAULT 0,
    password TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0,
    views INTEGER NOT NULL DEFAULT 0,
    comment_count INTEGER NOT NULL DEFAULT 0,
    user_id INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE UNIQUE INDEX archives_url_token ON archives (site_id, url_token);
CREATE INDEX archives_category ON archives (site_id, category_id);
-- One row per flag letter, as AnqiCMS stores them.
CREATE TABLE archive_flags (
    site_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    flag TEXT NOT NULL,
    PRIMARY KEY (site_id, archive_id, flag)
);
-- Custom field values (the module's additional table in AnqiCMS).
CREATE TABLE archive_fields (
    site_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    field_name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (site_id, archive_id, field_name)
);
CREATE TABLE tags (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    title TEXT NOT NULL,
    url_token TEXT NOT NULL,
    first_letter TEXT NOT NULL DEFAULT '',
    seo_title TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    logo TEXT NOT NULL DEFAULT '',
    category_id INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE UNIQUE INDEX tags_url_token ON tags (site_id, url_token);
CREATE TABLE tag_archives (
    site_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    PRIMARY KEY (site_id, tag_id, archive_id)
);
CREATE TABLE navs (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    type_id INTEGER NOT NULL DEFAULT 1,
    parent_id INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    sub_title TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    nav_type INTEGER NOT NULL DEFAULT 0,
    page_id INTEGER NOT NULL DEFAULT 0,
    link TEXT NOT NULL DEFAULT '',
    logo TEXT NOT NULL DEFAULT '',
    style TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE banners (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    type TEXT NOT NULL DEFAULT 'default',
    logo TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    alt TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE links (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    title TEXT NOT NULL,
    link TEXT NOT NULL,
    back_link TEXT NOT NULL DEFAULT '',
    my_title TEXT NOT NULL DEFAULT '',
    my_link TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    nofollow INTEGER NOT NULL DEFAULT 0,
    sort INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 1,
    checked_time INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE user_groups (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    level INTEGER NOT NULL,
    status INTEGER NOT NULL DEFAULT 1,
    price INTEGER NOT NULL DEFAULT 0,
    setting TEXT NOT NULL DEFAULT '{}',
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE users (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    user_name TEXT NOT NULL,
    real_name TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    avatar_url TEXT NOT NULL DEFAULT '',
    introduce TEXT NOT NULL DEFAULT '',
    group_id INTEGER NOT NULL DEFAULT 1,
    status INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    salt TEXT NOT NULL,
    balance INTEGER NOT NULL DEFAULT 0,
    invite_code TEXT NOT NULL DEFAULT '',
    last_login INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL,
    PRIMARY KEY (site_id, id)
);
CREATE UNIQUE INDEX users_user_name ON users (site_id, user_name);
-- Documented edition only: product specifications.
CREATE TABLE sku_options (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE sku_option_values (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    option_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    sort INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE skus (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    price INTEGER NOT NULL,
    stock INTEGER NOT NULL,
    image TEXT NOT NULL DEFAULT '',
    option_ids TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (site_id, id)
);
CREATE TABLE cart_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    owner TEXT NOT NULL,
    archive_id INTEGER NOT NULL,
    sku_id INTEGER NOT NULL DEFAULT 0,
    quantity INTEGER NOT NULL,
    order_extra TEXT NOT NULL DEFAULT '',
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX cart_items_owner ON cart_items (site_id, owner);
-- Generated placeholder images: /uploads/... paths and what to draw on them.
CREATE TABLE uploads (
    path TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    hue INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL
);
"#;

/// `fixed_link`: AnqiCMS's archive column; a non-empty one is the archive's `link` (§10).
/// Categories and tags get the same column although AnqiCMS has none: only the hostile test
/// state (`/__test/hostile`) fills it, to model a server whose computed links are hostile.
const SCHEMA_V2: &str = r#"
ALTER TABLE archives ADD COLUMN fixed_link TEXT NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN fixed_link TEXT NOT NULL DEFAULT '';
ALTER TABLE tags ADD COLUMN fixed_link TEXT NOT NULL DEFAULT '';
"#;

/// The address book (`/api/order/addresses`, `/api/order/address`), on both editions.
const SCHEMA_V3: &str = r#"
CREATE TABLE order_addresses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    province TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    address_info TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX order_addresses_user ON order_addresses (site_id, user_id);
"#;

/// Orders and their lines (§5.9). `order_id` is the public id; `id` the row.
const SCHEMA_V4: &str = r#"
CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    order_id TEXT NOT NULL DEFAULT '',
    user_id INTEGER NOT NULL,
    address_id INTEGER NOT NULL DEFAULT 0,
    remark TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL DEFAULT 'goods',
    status INTEGER NOT NULL DEFAULT 0,
    refund_status INTEGER NOT NULL DEFAULT 0,
    origin_amount INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    discount_amount INTEGER NOT NULL DEFAULT 0,
    coupon_code_id TEXT NOT NULL DEFAULT '',
    paid_time INTEGER NOT NULL DEFAULT 0,
    deliver_time INTEGER NOT NULL DEFAULT 0,
    finished_time INTEGER NOT NULL DEFAULT 0,
    end_time INTEGER NOT NULL DEFAULT 0,
    express_company TEXT NOT NULL DEFAULT '',
    tracking_number TEXT NOT NULL DEFAULT '',
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX orders_user ON orders (site_id, user_id);
CREATE TABLE order_details (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    order_id TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    goods_id INTEGER NOT NULL,
    goods_item_id INTEGER NOT NULL DEFAULT 0,
    price INTEGER NOT NULL,
    origin_price INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    origin_amount INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX order_details_order ON order_details (site_id, order_id);
"#;

/// One payment row per order, reused by every attempt (§6.10).
const SCHEMA_V5: &str = r#"
CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    payment_id TEXT NOT NULL,
    order_id TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    pay_way TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    paid_time INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE UNIQUE INDEX payments_order ON payments (site_id, order_id);
CREATE UNIQUE INDEX payments_public ON payments (payment_id);
"#;

/// Documented edition: coupons and the codes users claim (§12). Money is in cents here;
/// the wire answers yuan floats as the docs say. `archive_id` 0 is shop-wide, otherwise the
/// coupon needs that product in the order and its threshold and discount count only that
/// product's lines. `end_time` and `total` 0 mean no expiry and no quantity limit.
const SCHEMA_V6: &str = r#"
CREATE TABLE coupons (
    site_id INTEGER NOT NULL,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    money_type INTEGER NOT NULL DEFAULT 1,
    money_cents INTEGER NOT NULL DEFAULT 0,
    percent INTEGER NOT NULL DEFAULT 0,
    max_cents INTEGER NOT NULL DEFAULT 0,
    min_cents INTEGER NOT NULL DEFAULT 0,
    archive_id INTEGER NOT NULL DEFAULT 0,
    start_time INTEGER NOT NULL DEFAULT 0,
    end_time INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    claimed INTEGER NOT NULL DEFAULT 0,
    per_user INTEGER NOT NULL DEFAULT 1,
    created_time INTEGER NOT NULL DEFAULT 0,
    updated_time INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, id)
);
CREATE TABLE coupon_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    coupon_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    order_id TEXT NOT NULL DEFAULT '',
    created_time INTEGER NOT NULL,
    used_time INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX coupon_codes_code ON coupon_codes (code);
CREATE INDEX coupon_codes_user ON coupon_codes (site_id, user_id);
CREATE INDEX coupon_codes_order ON coupon_codes (site_id, order_id);
"#;

/// Issue 7, the shopper's side: favorites, uploaded files and attachments, the mail
/// outbox, comments, guestbook entries, and (documented edition) wishlist and reviews.
/// `hostile` marks rows that only the hostile test state adds (`seed::hostile`).
const SCHEMA_SOCIAL: &str = r#"
ALTER TABLE users ADD COLUMN email_verified INTEGER NOT NULL DEFAULT 0;
CREATE TABLE favorites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    sku_id INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL
);
CREATE UNIQUE INDEX favorites_user_archive ON favorites (site_id, user_id, archive_id);
-- Files uploaded through the API (avatars, attachments, guestbook images), served at `path`.
CREATE TABLE upload_files (
    path TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    created_time INTEGER NOT NULL
);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL DEFAULT 0,
    file_name TEXT NOT NULL,
    file_location TEXT NOT NULL,
    thumb_location TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    file_md5 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_time INTEGER NOT NULL
);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    to_email TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL,
    created_time INTEGER NOT NULL
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL DEFAULT 0,
    user_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    vote_count INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL,
    parent_id INTEGER NOT NULL DEFAULT 0,
    to_uid INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 0,
    hostile INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX comments_archive ON comments (site_id, archive_id);
CREATE TABLE comment_praises (
    comment_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
CREATE TABLE guestbooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    extra TEXT NOT NULL DEFAULT '{}',
    status INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL
);
CREATE TABLE wishlists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    sku_id INTEGER NOT NULL DEFAULT 0,
    remark TEXT NOT NULL DEFAULT '',
    origin_price INTEGER NOT NULL,
    target_price INTEGER NOT NULL DEFAULT 0,
    priority INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE UNIQUE INDEX wishlists_user_goods ON wishlists (site_id, user_id, archive_id, sku_id);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    archive_id INTEGER NOT NULL,
    sku_id INTEGER NOT NULL DEFAULT 0,
    order_id TEXT NOT NULL DEFAULT '',
    user_id INTEGER NOT NULL DEFAULT 0,
    user_name TEXT NOT NULL DEFAULT '',
    score INTEGER NOT NULL,
    content TEXT NOT NULL,
    images TEXT NOT NULL DEFAULT '[]',
    status INTEGER NOT NULL DEFAULT 0,
    reply TEXT NOT NULL DEFAULT '',
    hostile INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX reviews_archive ON reviews (site_id, archive_id, status);
"#;

/// Distribution (§6.14) and VIP groups: the user's inviter, retailer flag, earnings and
/// group expiry; the order's sharer and sharer's parent with their cut (cents, fixed at
/// create); the commissions a completed order pays (one per user and order, so completing
/// twice pays once) and the withdrawals that collect them.
const SCHEMA_DISTRIBUTION: &str = r#"
ALTER TABLE users ADD COLUMN parent_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN is_retailer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN total_reward INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN expire_time INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_parent ON users (site_id, parent_id);
ALTER TABLE orders ADD COLUMN share_user_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN share_parent_user_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN share_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN share_parent_amount INTEGER NOT NULL DEFAULT 0;
CREATE INDEX orders_share ON orders (site_id, share_user_id);
CREATE INDEX orders_share_parent ON orders (site_id, share_parent_user_id);
CREATE TABLE commissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    order_id TEXT NOT NULL,
    order_amount INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 0,
    withdraw_id INTEGER NOT NULL DEFAULT 0,
    remark TEXT NOT NULL DEFAULT '',
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE UNIQUE INDEX commissions_order_user ON commissions (site_id, order_id, user_id);
CREATE INDEX commissions_user ON commissions (site_id, user_id, status);
CREATE TABLE withdraws (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    amount INTEGER NOT NULL DEFAULT 0,
    success_time INTEGER NOT NULL DEFAULT 0,
    withdraw_way INTEGER NOT NULL DEFAULT 1,
    status INTEGER NOT NULL DEFAULT 0,
    error_times INTEGER NOT NULL DEFAULT 0,
    last_time INTEGER NOT NULL DEFAULT 0,
    remark TEXT NOT NULL DEFAULT '',
    created_time INTEGER NOT NULL,
    updated_time INTEGER NOT NULL
);
CREATE INDEX withdraws_user ON withdraws (site_id, user_id);
"#;

/// Opens the database file, or an in-memory database when `path` is `None`.
pub fn open(path: Option<&Path>) -> rusqlite::Result<Connection> {
    let conn = match path {
        Some(p) => {
            let conn = Connection::open(p)?;
            // WAL keeps readers (e.g. a developer's sqlite3 shell) from blocking the server.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn
        }
        None => Connection::open_in_memory()?,
    };
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        [],
    )?;
    let v: Option<i64> = conn
        .query_row("SELECT version FROM schema_version LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(v.unwrap_or(0).max(0) as usize)
}

/// Runs every migration newer than the recorded version, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let current = schema_version(conn)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute("DELETE FROM schema_version", [])?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES (?1)",
            [(i + 1) as i64],
        )?;
        tx.commit()?;
    }
    Ok(())
}

pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let mut conn = open(None).expect("open");
        migrate(&mut conn).expect("first");
        migrate(&mut conn).expect("second");
        assert_eq!(schema_version(&conn).expect("version"), latest_version());
    }
}
