//! Distribution (§6.14) and VIP groups: who earns from an order, the commissions a
//! completed order pays, withdrawals, and the group a paid `vip` order grants.
//!
//! * At `order/create` the buyer's inviter (`parent_id`) is the sharer when that user is a
//!   retailer, and the sharer's own inviter is the parent when a retailer too. The sharer's
//!   cut is `amount × share_reward / 100` of the sharer's group, the parent's
//!   `amount × parent_reward / 100` of the parent's group (integer cents, truncated). Both
//!   are stored on the order.
//! * When the order reaches status 3 ([`complete`], from every path that finishes an
//!   order), one commission per earner is inserted (status 0) and added to the earner's
//!   `total_reward`, once: the unique (order, user) index makes a second completion a no-op.
//! * A withdrawal takes every status-0 commission (status 1, `withdraw_id` set). A failed
//!   withdrawal gives them back (status 0, `withdraw_id` 0); a paid one keeps them.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::order::Order;
use super::user::{self, Group};

/// The smallest withdrawal, in cents.
pub const MIN_WITHDRAW: i64 = 200;

/// Who earns what from an order (cents).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub share_user_id: i64,
    pub share_parent_user_id: i64,
    pub share_amount: i64,
    pub share_parent_amount: i64,
}

/// A user's inviter when that inviter is a retailer, with the inviter's group.
fn retailer_parent(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
) -> rusqlite::Result<Option<(i64, Option<Group>)>> {
    let parent: Option<(i64, i64, i64)> = conn
        .query_row(
            "SELECT p.id, p.is_retailer, p.group_id FROM users u JOIN users p
               ON p.site_id = u.site_id AND p.id = u.parent_id
             WHERE u.site_id = ?1 AND u.id = ?2",
            params![site_id, user_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match parent {
        Some((id, 1, group_id)) if id != user_id => {
            Ok(Some((id, user::group(conn, site_id, group_id)?)))
        }
        _ => Ok(None),
    }
}

/// `amount × percent / 100`, truncated, never negative.
pub fn cut(amount: i64, percent: i64) -> i64 {
    (amount.max(0).saturating_mul(percent.clamp(0, 100))) / 100
}

/// The sharer and the sharer's parent of an order of `amount` cents by `buyer_id`.
pub fn share_for(
    conn: &Connection,
    site_id: i64,
    buyer_id: i64,
    amount: i64,
) -> rusqlite::Result<Share> {
    let mut share = Share::default();
    if buyer_id <= 0 {
        return Ok(share);
    }
    let Some((sharer, sharer_group)) = retailer_parent(conn, site_id, buyer_id)? else {
        return Ok(share);
    };
    share.share_user_id = sharer;
    share.share_amount = cut(
        amount,
        user::setting_i64(sharer_group.as_ref(), "share_reward"),
    );
    if let Some((parent, parent_group)) = retailer_parent(conn, site_id, sharer)? {
        if parent != buyer_id {
            share.share_parent_user_id = parent;
            share.share_parent_amount = cut(
                amount,
                user::setting_i64(parent_group.as_ref(), "parent_reward"),
            );
        }
    }
    Ok(share)
}

/// Stores the share on the order.
pub fn set_share(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
    share: &Share,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET share_user_id = ?3, share_parent_user_id = ?4, share_amount = ?5,
           share_parent_amount = ?6 WHERE site_id = ?1 AND order_id = ?2",
        params![
            site_id,
            order_id,
            share.share_user_id,
            share.share_parent_user_id,
            share.share_amount,
            share.share_parent_amount
        ],
    )?;
    Ok(())
}

/// Inserts one commission (status 0) unless the order already paid this user; adds it to
/// the user's `total_reward`. Returns whether it was new.
pub fn pay_commission(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    order: (&str, i64),
    amount: i64,
    status: i64,
    now: i64,
) -> rusqlite::Result<bool> {
    if user_id <= 0 || amount <= 0 {
        return Ok(false);
    }
    let inserted = conn.execute(
        "INSERT OR IGNORE INTO commissions (site_id, user_id, order_id, order_amount, amount, status,
           created_time, updated_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![site_id, user_id, order.0, order.1, amount, status, now],
    )?;
    if inserted > 0 {
        conn.execute(
            "UPDATE users SET total_reward = total_reward + ?3 WHERE site_id = ?1 AND id = ?2",
            params![site_id, user_id, amount],
        )?;
    }
    Ok(inserted > 0)
}

/// The order reached status 3: its sharer and parent get their commissions (once).
pub fn complete(conn: &Connection, site_id: i64, order_id: &str, now: i64) -> rusqlite::Result<()> {
    let Some(o) = super::order::by_order_id(conn, site_id, order_id)? else {
        return Ok(());
    };
    if o.status != 3 {
        return Ok(());
    }
    pay_commission(
        conn,
        site_id,
        o.share_user_id,
        (&o.order_id, o.amount),
        o.share_amount,
        0,
        now,
    )?;
    pay_commission(
        conn,
        site_id,
        o.share_parent_user_id,
        (&o.order_id, o.amount),
        o.share_parent_amount,
        0,
        now,
    )?;
    Ok(())
}

/// A refund approved after completion: the order's commissions not yet withdrawn are
/// cancelled (status -1) and leave the earners' `total_reward`.
pub fn cancel_commissions(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET total_reward = MAX(total_reward - COALESCE((SELECT SUM(c.amount) FROM commissions c
           WHERE c.site_id = users.site_id AND c.user_id = users.id AND c.order_id = ?2 AND c.status = 0), 0), 0)
         WHERE site_id = ?1 AND id IN (SELECT user_id FROM commissions WHERE site_id = ?1 AND order_id = ?2 AND status = 0)",
        params![site_id, order_id],
    )?;
    conn.execute(
        "UPDATE commissions SET status = -1, remark = 'order refunded', updated_time = ?3
         WHERE site_id = ?1 AND order_id = ?2 AND status = 0",
        params![site_id, order_id, now],
    )?;
    Ok(())
}

/// A paid `vip` order: the buyer joins the group (`goods_id` of its line) until
/// `now + expire_day` days, counted from the current expiry when the buyer already holds
/// that group and it is still valid. `expire_day` 0 means no expiry (`expire_time` 0).
pub fn grant_vip(conn: &Connection, site_id: i64, o: &Order, now: i64) -> rusqlite::Result<()> {
    if o.kind != "vip" || o.user_id <= 0 {
        return Ok(());
    }
    let Some(line) = super::order::details(conn, site_id, &o.order_id)?
        .into_iter()
        .next()
    else {
        return Ok(());
    };
    let Some(g) = user::group(conn, site_id, line.goods_id)? else {
        return Ok(());
    };
    let Some(buyer) = user::find(conn, site_id, o.user_id)? else {
        return Ok(());
    };
    let days = user::setting_i64(Some(&g), "expire_day").max(0);
    let expire = if days == 0 {
        0
    } else {
        let from = if buyer.group_id == g.id && buyer.expire_time > now {
            buyer.expire_time
        } else {
            now
        };
        from.saturating_add(days.saturating_mul(86_400))
    };
    conn.execute(
        "UPDATE users SET group_id = ?3, expire_time = ?4, updated_time = ?5 WHERE site_id = ?1 AND id = ?2",
        params![site_id, o.user_id, g.id, expire, now],
    )?;
    Ok(())
}

/// What paying does beyond the status: a `vip` order (now status 3) grants its group and
/// pays its commissions. Call it only when the payment moved the order from 0.
pub fn after_paid(
    conn: &Connection,
    site_id: i64,
    order_id: &str,
    now: i64,
) -> rusqlite::Result<()> {
    if let Some(o) = super::order::by_order_id(conn, site_id, order_id)? {
        if o.kind == "vip" && o.status == 3 {
            grant_vip(conn, site_id, &o, now)?;
            complete(conn, site_id, order_id, now)?;
        }
    }
    Ok(())
}

/// A commission row (§5.10), `order` attached by the route.
#[derive(Clone, Debug, Serialize)]
pub struct Commission {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub user_id: i64,
    pub order_id: String,
    pub order_amount: i64,
    pub amount: i64,
    pub status: i64,
    pub withdraw_id: i64,
    pub remark: String,
    pub user_name: String,
    pub can_withdraw: bool,
}

/// A withdrawal row (§5.10).
#[derive(Clone, Debug, Serialize)]
pub struct Withdraw {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub user_id: i64,
    pub amount: i64,
    pub success_time: i64,
    pub withdraw_way: i64,
    pub status: i64,
    pub error_times: i64,
    pub last_time: i64,
    pub remark: String,
    pub user_name: String,
}

/// A page of the user's commissions, newest first; and the total.
pub fn commissions(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Commission>, i64)> {
    let total = conn.query_row(
        "SELECT COUNT(*) FROM commissions WHERE site_id = ?1 AND user_id = ?2",
        params![site_id, user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT id, created_time, updated_time, user_id, order_id, order_amount, amount, status,
           withdraw_id, remark FROM commissions WHERE site_id = ?1 AND user_id = ?2
         ORDER BY created_time DESC, id DESC LIMIT ?3 OFFSET ?4",
    )?;
    let rows = stmt.query_map(params![site_id, user_id, limit, offset], |r| {
        Ok(Commission {
            id: r.get(0)?,
            created_time: r.get(1)?,
            updated_time: r.get(2)?,
            user_id: r.get(3)?,
            order_id: r.get(4)?,
            order_amount: r.get(5)?,
            amount: r.get(6)?,
            status: r.get(7)?,
            withdraw_id: r.get(8)?,
            remark: r.get(9)?,
            user_name: String::new(),
            can_withdraw: false,
        })
    })?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

const WITHDRAW_COLUMNS: &str = "id, created_time, updated_time, user_id, amount, success_time, \
withdraw_way, status, error_times, last_time, remark";

fn withdraw_from_row(r: &rusqlite::Row) -> rusqlite::Result<Withdraw> {
    Ok(Withdraw {
        id: r.get(0)?,
        created_time: r.get(1)?,
        updated_time: r.get(2)?,
        user_id: r.get(3)?,
        amount: r.get(4)?,
        success_time: r.get(5)?,
        withdraw_way: r.get(6)?,
        status: r.get(7)?,
        error_times: r.get(8)?,
        last_time: r.get(9)?,
        remark: r.get(10)?,
        user_name: String::new(),
    })
}

/// A page of the user's withdrawals, newest first; and the total.
pub fn withdraws(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Withdraw>, i64)> {
    let total = conn.query_row(
        "SELECT COUNT(*) FROM withdraws WHERE site_id = ?1 AND user_id = ?2",
        params![site_id, user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {WITHDRAW_COLUMNS} FROM withdraws WHERE site_id = ?1 AND user_id = ?2
         ORDER BY created_time DESC, id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![site_id, user_id, limit, offset], withdraw_from_row)?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

pub fn withdraw(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Withdraw>> {
    conn.query_row(
        &format!("SELECT {WITHDRAW_COLUMNS} FROM withdraws WHERE site_id = ?1 AND id = ?2"),
        params![site_id, id],
        withdraw_from_row,
    )
    .optional()
}

/// Members of both levels: the user's invitees and theirs. A page, newest first; and the
/// total.
pub fn members(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    offset: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<i64>, i64)> {
    let filter = "site_id = ?1 AND id != ?2 AND (parent_id = ?2 OR parent_id IN
        (SELECT id FROM users WHERE site_id = ?1 AND parent_id = ?2 AND id != ?2))";
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM users WHERE {filter}"),
        params![site_id, user_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM users WHERE {filter} ORDER BY created_time DESC, id DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![site_id, user_id, limit, offset], |r| r.get(0))?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// `/api/retailer/statistics`, all in cents except the count.
#[derive(Debug, Serialize)]
pub struct Statistics {
    /// The status-0 commissions (what a withdrawal would take now).
    pub can_withdraw_amount: i64,
    /// Paid withdrawals (status 2).
    pub paid_withdraw_amount: i64,
    /// The user's cut of the distribution orders that are paid or shipped (status 1 or 2,
    /// no refund applied for): commissions still to come.
    pub unfinished_withdraw_amount: i64,
    /// Members of both levels (the total of `/api/retailer/members`).
    pub member_count: i64,
}

pub fn statistics(conn: &Connection, site_id: i64, user_id: i64) -> rusqlite::Result<Statistics> {
    let sum = |sql: &str| -> rusqlite::Result<i64> {
        conn.query_row(sql, params![site_id, user_id], |r| r.get(0))
    };
    Ok(Statistics {
        can_withdraw_amount: sum(
            "SELECT COALESCE(SUM(amount), 0) FROM commissions WHERE site_id = ?1 AND user_id = ?2 AND status = 0",
        )?,
        paid_withdraw_amount: sum(
            "SELECT COALESCE(SUM(amount), 0) FROM withdraws WHERE site_id = ?1 AND user_id = ?2 AND status = 2",
        )?,
        unfinished_withdraw_amount: sum(
            "SELECT COALESCE(SUM(CASE WHEN share_user_id = ?2 THEN share_amount ELSE 0 END
                 + CASE WHEN share_parent_user_id = ?2 THEN share_parent_amount ELSE 0 END), 0)
             FROM orders WHERE site_id = ?1 AND (share_user_id = ?2 OR share_parent_user_id = ?2)
               AND status IN (1, 2) AND refund_status = 0",
        )?,
        member_count: members(conn, site_id, user_id, 0, 1)?.1,
    })
}

/// Why a withdrawal was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum WithdrawRefusal {
    Nothing,
    TooLow(i64),
}

/// Collects every status-0 commission into one new withdrawal (status 0).
pub fn apply_withdraw(
    conn: &Connection,
    site_id: i64,
    user_id: i64,
    now: i64,
) -> rusqlite::Result<Result<i64, WithdrawRefusal>> {
    let total: i64 = conn.query_row(
        "SELECT COALESCE(SUM(amount), 0) FROM commissions WHERE site_id = ?1 AND user_id = ?2 AND status = 0",
        params![site_id, user_id],
        |r| r.get(0),
    )?;
    if total <= 0 {
        return Ok(Err(WithdrawRefusal::Nothing));
    }
    if total < MIN_WITHDRAW {
        return Ok(Err(WithdrawRefusal::TooLow(total)));
    }
    conn.execute(
        "INSERT INTO withdraws (site_id, user_id, amount, withdraw_way, status, created_time, updated_time)
         VALUES (?1, ?2, ?3, 1, 0, ?4, ?4)",
        params![site_id, user_id, total, now],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE commissions SET status = 1, withdraw_id = ?3, updated_time = ?4
         WHERE site_id = ?1 AND user_id = ?2 AND status = 0",
        params![site_id, user_id, id, now],
    )?;
    Ok(Ok(id))
}

/// The merchant's decision on a withdrawal: `approve` (→ 1), `pay` (→ 2, `success_time`;
/// the commissions stay withdrawn) or `fail` (→ -1 with `remark`, `error_times` + 1; its
/// commissions return to status 0 so they can be withdrawn again). `Err` explains a
/// refusal: unknown action, or a paid/failed withdrawal (final states).
pub fn decide_withdraw(
    conn: &Connection,
    site_id: i64,
    id: i64,
    action: &str,
    remark: &str,
    now: i64,
) -> rusqlite::Result<Result<Withdraw, String>> {
    let Some(w) = withdraw(conn, site_id, id)? else {
        return Ok(Err(format!("unknown withdrawal {id}")));
    };
    if w.status == 2 || w.status == -1 {
        return Ok(Err(format!(
            "withdrawal {id} is already {}",
            if w.status == 2 { "paid" } else { "failed" }
        )));
    }
    match action {
        "approve" => {
            conn.execute(
                "UPDATE withdraws SET status = 1, last_time = ?3, updated_time = ?3 WHERE site_id = ?1 AND id = ?2",
                params![site_id, id, now],
            )?;
        }
        "pay" => {
            conn.execute(
                "UPDATE withdraws SET status = 2, success_time = ?3, last_time = ?3, updated_time = ?3
                 WHERE site_id = ?1 AND id = ?2",
                params![site_id, id, now],
            )?;
        }
        "fail" => {
            let remark = if remark.is_empty() {
                "payment to the account failed"
            } else {
                remark
            };
            conn.execute(
                "UPDATE withdraws SET status = -1, remark = ?4, error_times = error_times + 1,
                   last_time = ?3, updated_time = ?3 WHERE site_id = ?1 AND id = ?2",
                params![site_id, id, now, remark],
            )?;
            conn.execute(
                "UPDATE commissions SET status = 0, withdraw_id = 0, updated_time = ?3
                 WHERE site_id = ?1 AND withdraw_id = ?2",
                params![site_id, id, now],
            )?;
        }
        other => return Ok(Err(format!("unknown action {other}"))),
    }
    Ok(withdraw(conn, site_id, id)?.ok_or_else(|| "withdrawal vanished".to_string()))
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cuts_truncate_and_clamp() {
        assert_eq!(cut(12_345, 10), 1_234);
        assert_eq!(cut(99, 5), 4);
        assert_eq!(cut(-100, 10), 0);
        assert_eq!(cut(1_000, 250), 1_000);
        assert_eq!(cut(i64::MAX, 100), i64::MAX / 100);
    }
}
