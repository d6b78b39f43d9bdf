//! The address book. AnqiCMS overwrites every field on save, so an update is the whole row.

use rusqlite::{params, Connection, OptionalExtension};

// The address book.
use serde::{Deserialize, Serialize};

/// `OrderAddress` (contract §5.9), as stored and as answered.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Address {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub user_id: i64,
    pub name: String,
    pub last_name: String,
    pub phone: String,
    pub email: String,
    pub province: String,
    pub city: String,
    pub town: String,
    pub country: String,
    pub address_info: String,
    pub company: String,
    pub postcode: String,
    pub status: i64,
}

const COLUMNS: &str = "id, created_time, updated_time, user_id, name, last_name, phone, email, \
     province, city, town, country, address_info, company, postcode, status";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Address> {
    Ok(Address {
        id: r.get(0)?,
        created_time: r.get(1)?,
        updated_time: r.get(2)?,
        user_id: r.get(3)?,
        name: r.get(4)?,
        last_name: r.get(5)?,
        phone: r.get(6)?,
        email: r.get(7)?,
        province: r.get(8)?,
        city: r.get(9)?,
        town: r.get(10)?,
        country: r.get(11)?,
        address_info: r.get(12)?,
        company: r.get(13)?,
        postcode: r.get(14)?,
        status: r.get(15)?,
    })
}

/// The user's addresses, newest first (by creation, as AnqiCMS orders them by id).
pub fn addresses(conn: &Connection, site_id: i64, user_id: i64) -> rusqlite::Result<Vec<Address>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM order_addresses WHERE site_id = ?1 AND user_id = ?2
         ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map(params![site_id, user_id], from_row)?;
    rows.collect()
}

pub fn address(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Address>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM order_addresses WHERE site_id = ?1 AND id = ?2"),
        params![site_id, id],
        from_row,
    )
    .optional()
}

/// Creates the address (`id` 0) or overwrites every field of the user's own one, as the
/// real server does: fields left out of the request become empty. `None`: the `id` is not
/// one of this user's addresses.
pub fn save(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    input: &Address,
    now: i64,
) -> rusqlite::Result<Option<Address>> {
    let id = if input.id > 0 {
        match address(conn, site_id, input.id)? {
            Some(existing) if existing.user_id == user_id => {
                conn.execute(
                    "UPDATE order_addresses SET name = ?3, last_name = ?4, phone = ?5, email = ?6,
                       province = ?7, city = ?8, town = ?9, country = ?10, address_info = ?11,
                       company = ?12, postcode = ?13, updated_time = ?14
                     WHERE site_id = ?1 AND id = ?2",
                    params![
                        site_id,
                        input.id,
                        input.name,
                        input.last_name,
                        input.phone,
                        input.email,
                        input.province,
                        input.city,
                        input.town,
                        input.country,
                        input.address_info,
                        input.company,
                        input.postcode,
                        now
                    ],
                )?;
                input.id
            }
            _ => return Ok(None),
        }
    } else {
        conn.execute(
            "INSERT INTO order_addresses (site_id, user_id, name, last_name, phone, email, province,
               city, town, country, address_info, company, postcode, status, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, ?14, ?14)",
            params![
                site_id,
                user_id,
                input.name,
                input.last_name,
                input.phone,
                input.email,
                input.province,
                input.city,
                input.town,
                input.country,
                input.address_info,
                input.company,
                input.postcode,
                now
            ],
        )?;
        conn.last_insert_rowid()
    };
    address(conn, site_id, id)
}

/// One order row (§5.9).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Order {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub order_id: String,
    pub payment_id: String,
    pub user_id: i64,
    pub address_id: i64,
    pub remark: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub status: i64,
    pub refund_status: i64,
    pub origin_amount: i64,
    pub amount: i64,
    pub paid_time: i64,
    pub end_time: i64,
    pub deliver_time: i64,
    pub finished_time: i64,
    pub discount_amount: i64,
    pub coupon_code_id: String,
    pub seller_id: i64,
    pub seller_amount: i64,
    pub share_user_id: i64,
    pub share_parent_user_id: i64,
    pub share_amount: i64,
    pub share_parent_amount: i64,
    pub express_company: String,
    pub tracking_number: String,
    pub is_updated: i64,
}

/// One line (§5.9 OrderDetail), without the `goods`/`group` the routes attach.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Detail {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub order_id: String,
    pub user_id: i64,
    pub goods_id: i64,
    pub goods_item_id: i64,
    pub price: i64,
    pub origin_price: i64,
    pub amount: i64,
    pub origin_amount: i64,
    pub quantity: i64,
    pub status: i64,
}

const ORDER_COLUMNS: &str =
    "id, created_time, updated_time, order_id, user_id, address_id, remark, \
     type, status, refund_status, origin_amount, amount, paid_time, end_time, deliver_time, \
     finished_time, discount_amount, coupon_code_id, express_company, tracking_number, \
     share_user_id, share_parent_user_id, share_amount, share_parent_amount";

fn order_from_row(r: &rusqlite::Row) -> rusqlite::Result<Order> {
    Ok(Order {
        id: r.get(0)?,
        created_time: r.get(1)?,
        updated_time: r.get(2)?,
        order_id: r.get(3)?,
        user_id: r.get(4)?,
        address_id: r.get(5)?,
        remark: r.get(6)?,
        kind: r.get(7)?,
        status: r.get(8)?,
        refund_status: r.get(9)?,
        origin_amount: r.get(10)?,
        amount: r.get(11)?,
        paid_time: r.get(12)?,
        end_time: r.get(13)?,
        deliver_time: r.get(14)?,
        finished_time: r.get(15)?,
        discount_amount: r.get(16)?,
        coupon_code_id: r.get(17)?,
        express_company: r.get(18)?,
        tracking_number: r.get(19)?,
        share_user_id: r.get(20)?,
        share_parent_user_id: r.get(21)?,
        share_amount: r.get(22)?,
        share_parent_amount: r.get(23)?,
        ..Order::default()
    })
}

/// A line to order, priced from the database by the caller: `origin_price` is the list
/// price, `price` what the shopper pays per piece (the member price).
pub struct NewLine {
    pub goods_id: i64,
    pub goods_item_id: i64,
    pub origin_price: i64,
    pub price: i64,
    pub quantity: i64,
}

impl NewLine {
    pub fn origin_amount(&self) -> i64 {
        self.origin_price.saturating_mul(self.quantity)
    }

    pub fn amount(&self) -> i64 {
        self.price.saturating_mul(self.quantity)
    }
}

/// `yyyymmddhhmmss` (UTC) + the last 4 digits of the row id, as AnqiCMS builds `order_id`.
pub fn public_order_id(created: i64, row_id: i64) -> String {
    let days = created.div_euclid(86_400);
    let secs = created.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}{:04}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        row_id.rem_euclid(10_000)
    )
}

/// An order to insert: whose (0 for a guest), where to, its priced lines and the coupon
/// discount taken off the member total.
pub struct NewOrder<'a> {
    pub user_id: i64,
    pub address_id: i64,
    pub remark: &'a str,
    pub kind: &'a str,
    pub lines: &'a [NewLine],
    pub discount_amount: i64,
    /// The coupon code's row id as text, or "".
    pub coupon_code_id: &'a str,
}

/// Inserts an order and its lines; returns the order.
pub fn create(
    conn: &Connection,
    site_id: i64,
    new: &NewOrder,
    now: i64,
) -> rusqlite::Result<Order> {
    let NewOrder {
        user_id,
        address_id,
        remark,
        kind,
        lines,
        discount_amount,
        coupon_code_id,
    } = *new;
    let origin_amount = lines
        .iter()
        .fold(0i64, |sum, l| sum.saturating_add(l.origin_amount()));
    let member = lines
        .iter()
        .fold(0i64, |sum, l| sum.saturating_add(l.amount()));
    let amount = member.saturating_sub(discount_amount).max(0);
    conn.execute(
        "INSERT INTO orders (site_id, user_id, address_id, remark, type, status, origin_amount, amount,
           discount_amount, coupon_code_id, created_time, updated_time)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            site_id,
            user_id,
            address_id,
            remark,
            kind,
            origin_amount,
            amount,
            discount_amount,
            coupon_code_id,
            now
        ],
    )?;
    let row_id = conn.last_insert_rowid();
    let order_id = public_order_id(now, row_id);
    conn.execute(
        "UPDATE orders SET order_id = ?2 WHERE id = ?1",
        params![row_id, order_id],
    )?;
    for l in lines {
        conn.execute(
            "INSERT INTO order_details (site_id, order_id, user_id, goods_id, goods_item_id, price,
               origin_price, amount, origin_amount, quantity, created_time, updated_time)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                site_id,
                order_id,
                user_id,
                l.goods_id,
                l.goods_item_id,
                l.price,
                l.origin_price,
                l.amount(),
                l.origin_amount(),
                l.quantity,
                now
            ],
        )?;
    }
    by_order_id(conn, site_id, &order_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
}

pub fn by_order_id(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
) -> rusqlite::Result<Option<Order>> {
    conn.query_row(
        &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE site_id = ?1 AND order_id = ?2"),
        params![site_id, order_id],
        order_from_row,
    )
    .optional()
}

/// A page of the user's orders, newest first, optionally of one status; and the total.
pub fn list(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    status: Option<i64>,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Order>, i64)> {
    let filter = if status.is_some() {
        "AND status = ?3"
    } else {
        "AND ?3 IS NULL"
    };
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM orders WHERE site_id = ?1 AND user_id = ?2 {filter}"),
        params![site_id, user_id, status],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE site_id = ?1 AND user_id = ?2 {filter}
         ORDER BY id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt.query_map(
        params![site_id, user_id, status, limit, offset],
        order_from_row,
    )?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// A page of the orders a retailer earns from (as the sharer or the sharer's parent),
/// newest first; and the total.
pub fn list_shared(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Order>, i64)> {
    let filter = "site_id = ?1 AND (share_user_id = ?2 OR share_parent_user_id = ?2)";
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM orders WHERE {filter}"),
        params![site_id, user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE {filter} ORDER BY created_time DESC, id DESC
         LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![site_id, user_id, limit, offset], order_from_row)?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

pub fn details(conn: &Connection, site_id: i64, order_id: &str) -> rusqlite::Result<Vec<Detail>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_time, updated_time, order_id, user_id, goods_id, goods_item_id, price,
           origin_price, amount, origin_amount, quantity, status
         FROM order_details WHERE site_id = ?1 AND order_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![site_id, order_id], |r| {
        Ok(Detail {
            id: r.get(0)?,
            created_time: r.get(1)?,
            updated_time: r.get(2)?,
            order_id: r.get(3)?,
            user_id: r.get(4)?,
            goods_id: r.get(5)?,
            goods_item_id: r.get(6)?,
            price: r.get(7)?,
            origin_price: r.get(8)?,
            amount: r.get(9)?,
            origin_amount: r.get(10)?,
            quantity: r.get(11)?,
            status: r.get(12)?,
        })
    })?;
    rows.collect()
}

/// Sets the status (and the matching timestamp column, when there is one).
pub fn set_status(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
    status: i64,
    now: i64,
) -> rusqlite::Result<()> {
    let stamp = match status {
        1 => ", paid_time = ?4",
        2 => ", deliver_time = ?4",
        3 => ", finished_time = ?4",
        _ => "",
    };
    conn.execute(
        &format!(
            "UPDATE orders SET status = ?3{stamp}, updated_time = ?4 WHERE site_id = ?1 AND order_id = ?2"
        ),
        params![site_id, order_id, status, now],
    )?;
    Ok(())
}

/// A refund application: `refund_status` 8, `status` unchanged (the real quirk).
pub fn apply_refund(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET refund_status = 8, updated_time = ?3 WHERE site_id = ?1 AND order_id = ?2",
        params![site_id, order_id, now],
    )?;
    Ok(())
}
