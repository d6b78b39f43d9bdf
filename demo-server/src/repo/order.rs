//! The address book. AnqiCMS overwrites every field on save, so an update is the whole row.

use rusqlite::{params, Connection, OptionalExtension};
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
