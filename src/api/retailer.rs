//! The distribution centre (§6.14): the retailer's own record and group, statistics, team,
//! distribution orders, commissions, withdrawals, real-name update and the withdraw request
//! (whose success AnqiCMS reports as `code: -1`, "withdrawal application submitted").

use serde::{Deserialize, Serialize};

use super::client::{get_shared as get, post};
use super::ApiError;
use crate::domain::Money;
use crate::domain::Paged;

pub const RETAILER_PAGE_SIZE: u32 = 10;
/// AnqiCMS refuses a withdrawal below 2 yuan.
pub const MIN_WITHDRAW: Money = Money::from_cents(200);

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireGroup {
    title: Option<String>,
    setting: Option<WireSetting>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireSetting {
    share_reward: i64,
    parent_reward: i64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireMember {
    id: i64,
    parent_id: i64,
    user_name: Option<String>,
    real_name: Option<String>,
    is_retailer: i64,
    created_time: i64,
    group: Option<WireGroup>,
}

/// The signed-in user as the distribution centre sees them.
#[derive(Clone, Debug, PartialEq)]
pub struct RetailerInfo {
    pub id: i64,
    pub user_name: String,
    pub real_name: String,
    pub is_retailer: bool,
    pub group_title: String,
    /// Percent of an order's amount for a direct sale and for the team's sales.
    pub share_reward: i64,
    pub parent_reward: i64,
}

pub async fn info(_: ()) -> Result<RetailerInfo, ApiError> {
    let wire = get::<WireMember>("retailer/info", &[]).await?.required()?;
    let (group_title, share, parent) = match wire.group {
        Some(g) => {
            let setting = g.setting.unwrap_or_default();
            (
                g.title.unwrap_or_default(),
                setting.share_reward,
                setting.parent_reward,
            )
        }
        None => (String::new(), 0, 0),
    };
    Ok(RetailerInfo {
        id: wire.id,
        user_name: wire.user_name.unwrap_or_default(),
        real_name: wire.real_name.unwrap_or_default(),
        is_retailer: wire.is_retailer == 1,
        group_title,
        share_reward: share.clamp(0, 100),
        parent_reward: parent.clamp(0, 100),
    })
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct WireStatistics {
    can_withdraw_amount: i64,
    paid_withdraw_amount: i64,
    unfinished_withdraw_amount: i64,
    member_count: i64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Statistics {
    pub can_withdraw: Money,
    pub paid_withdraw: Money,
    pub unfinished: Money,
    pub members: i64,
}

pub async fn statistics(_: ()) -> Result<Statistics, ApiError> {
    let w = get::<WireStatistics>("retailer/statistics", &[])
        .await?
        .data
        .unwrap_or_default();
    Ok(Statistics {
        can_withdraw: Money::from_cents(w.can_withdraw_amount.max(0)),
        paid_withdraw: Money::from_cents(w.paid_withdraw_amount.max(0)),
        unfinished: Money::from_cents(w.unfinished_withdraw_amount.max(0)),
        members: w.member_count.max(0),
    })
}

/// A team member. `direct`: invited by the retailer (else by one of their members).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub direct: bool,
    pub joined: i64,
}

fn paged_params(page: u32, size: u32) -> [(&'static str, String); 2] {
    [
        ("current", page.max(1).to_string()),
        ("pageSize", size.to_string()),
    ]
}

fn paged<W, T>(reply: super::envelope::Reply<Vec<W>>, map: impl Fn(W) -> T) -> Paged<T> {
    let total = reply.total.unwrap_or(0);
    let items: Vec<T> = reply.list().into_iter().map(map).collect();
    Paged {
        total: total.max(items.len() as u64),
        items,
    }
}

pub async fn members((retailer_id, page): (i64, u32)) -> Result<Paged<Member>, ApiError> {
    let reply =
        get::<Vec<WireMember>>("retailer/members", &paged_params(page, RETAILER_PAGE_SIZE)).await?;
    Ok(paged(reply, |m| {
        let real = m.real_name.unwrap_or_default();
        let user = m.user_name.unwrap_or_default();
        Member {
            id: m.id,
            name: if real.trim().is_empty() { user } else { real },
            direct: m.parent_id == retailer_id,
            joined: m.created_time,
        }
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireOrder {
    order_id: Option<String>,
    status: i64,
    amount: i64,
    share_user_id: i64,
    share_amount: i64,
    share_parent_amount: i64,
    created_time: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DistributionOrder {
    pub order_id: String,
    pub status: i64,
    pub amount: Money,
    /// What the retailer earns from it: the direct share when they sold it, else the
    /// parent's share.
    pub reward: Money,
    pub created_time: i64,
}

pub async fn orders((retailer_id, page): (i64, u32)) -> Result<Paged<DistributionOrder>, ApiError> {
    let reply =
        get::<Vec<WireOrder>>("retailer/orders", &paged_params(page, RETAILER_PAGE_SIZE)).await?;
    Ok(paged(reply, |o| DistributionOrder {
        order_id: o.order_id.unwrap_or_default(),
        status: o.status,
        amount: Money::from_cents(o.amount.max(0)),
        reward: Money::from_cents(if o.share_user_id == retailer_id {
            o.share_amount.max(0)
        } else {
            o.share_parent_amount.max(0)
        }),
        created_time: o.created_time,
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireCommission {
    id: i64,
    created_time: i64,
    order_id: Option<String>,
    order_amount: i64,
    amount: i64,
    status: i64,
    user_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Commission {
    pub id: i64,
    pub created_time: i64,
    pub order_id: String,
    pub order_amount: Money,
    pub amount: Money,
    /// 0 not withdrawn, 1 withdrawn, -1 cancelled.
    pub status: i64,
    pub buyer: String,
}

fn into_commission(c: WireCommission) -> Commission {
    Commission {
        id: c.id,
        created_time: c.created_time,
        order_id: c.order_id.unwrap_or_default(),
        order_amount: Money::from_cents(c.order_amount.max(0)),
        amount: Money::from_cents(c.amount.max(0)),
        status: c.status,
        buyer: c.user_name.unwrap_or_default(),
    }
}

pub async fn commissions(page: u32) -> Result<Paged<Commission>, ApiError> {
    let reply = get::<Vec<WireCommission>>(
        "retailer/commissions",
        &paged_params(page, RETAILER_PAGE_SIZE),
    )
    .await?;
    Ok(paged(reply, into_commission))
}

/// Every commission (for the earnings chart), read page by page up to a bound.
pub async fn all_commissions(_: ()) -> Result<Vec<Commission>, ApiError> {
    const SIZE: u32 = 100;
    const MAX_PAGES: u32 = 20;
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let reply =
            get::<Vec<WireCommission>>("retailer/commissions", &paged_params(page, SIZE)).await?;
        let total = reply.total.unwrap_or(0);
        let batch = reply.list();
        let got = batch.len();
        out.extend(batch.into_iter().map(into_commission));
        if got < SIZE as usize || out.len() as u64 >= total {
            break;
        }
    }
    Ok(out)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireWithdraw {
    id: i64,
    created_time: i64,
    amount: i64,
    success_time: i64,
    status: i64,
    remark: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Withdrawal {
    pub id: i64,
    pub created_time: i64,
    pub amount: Money,
    pub success_time: i64,
    /// 0 waiting, 1 agreed, 2 paid, -1 failed.
    pub status: i64,
    pub remark: String,
}

pub async fn withdrawals(page: u32) -> Result<Paged<Withdrawal>, ApiError> {
    let reply =
        get::<Vec<WireWithdraw>>("retailer/withdraw", &paged_params(page, RETAILER_PAGE_SIZE))
            .await?;
    Ok(paged(reply, |w| Withdrawal {
        id: w.id,
        created_time: w.created_time,
        amount: Money::from_cents(w.amount.max(0)),
        success_time: w.success_time,
        status: w.status,
        remark: w.remark.unwrap_or_default(),
    }))
}

/// The withdraw request's outcome.
#[derive(Clone, Debug, PartialEq)]
pub enum Withdrawn {
    /// Submitted (AnqiCMS says so with code -1 and this message, or with code 0).
    Submitted,
    /// Not known: the answer was lost or unreadable; the caller re-reads the withdrawals.
    Unknown(ApiError),
}

/// Whether a refusal's message is AnqiCMS's success text for a withdrawal.
pub fn is_submitted_message(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("submitted")
        || m.contains("提交成功")
        || m.contains("已提交")
        || m.contains("申请成功")
}

/// `POST /api/retailer/withdraw` (no body): all withdrawable commissions at once.
pub async fn withdraw() -> Result<Withdrawn, ApiError> {
    #[derive(Serialize)]
    struct Empty {}
    match post::<serde_json::Value, _>("retailer/withdraw", &Empty {}).await {
        Ok(_) => Ok(Withdrawn::Submitted),
        Err(ApiError::Refused {
            message: Some(message),
            ..
        }) if is_submitted_message(&message) => Ok(Withdrawn::Submitted),
        // A real refusal (below the minimum, nothing to withdraw) or a signed-out session.
        Err(error @ (ApiError::Refused { .. } | ApiError::Unauthorized)) => Err(error),
        Err(other) => Ok(Withdrawn::Unknown(other)),
    }
}

#[derive(Serialize)]
struct RealName<'a> {
    real_name: &'a str,
}

pub async fn update_real_name(real_name: &str) -> Result<(), ApiError> {
    post::<serde_json::Value, _>(
        "retailer/update",
        &RealName {
            real_name: real_name.trim(),
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_withdraw_success_is_read_from_its_message() {
        assert!(is_submitted_message("withdrawal application submitted"));
        assert!(is_submitted_message("提现申请已提交"));
        assert!(!is_submitted_message("the withdrawal amount is too low"));
        assert!(!is_submitted_message("提现金额过低"));
    }
}
