//! User groups (§5.8, §6.9): `GET /api/user/groups` and `GET /api/user/group/detail?id=`,
//! on both editions. A group is bought with an order of type `vip` (see `order::create`).

use axum::extract::State;
use axum::Extension;

use crate::auth::ReqCtx;
use crate::params::Params;
use crate::reply::{self, ApiResult};
use crate::repo::user::{self, Group, GroupJson};
use crate::AppState;

/// What the shopper pays for a group: its price at the shopper's own group discount
/// (`setting.discount` percent, truncated), or the price when that group has none.
pub fn member_price(g: &Group, own: Option<&Group>) -> i64 {
    let discount = user::discount(own);
    if discount > 0 && discount < 100 {
        g.price.saturating_mul(discount) / 100
    } else {
        g.price
    }
}

/// A group as answered: `favorable_price` is the member price when the shopper's group has
/// a discount, else 0.
pub fn group_for(g: &Group, ctx: &ReqCtx) -> GroupJson {
    let mut json = user::group_json(g);
    let discount = user::discount(ctx.group.as_ref());
    if discount > 0 && discount < 100 {
        json.favorable_price = member_price(g, ctx.group.as_ref());
    }
    json
}

/// `GET /api/user/groups` (UA): every group, by level.
pub async fn list(State(state): State<AppState>, Extension(ctx): Extension<ReqCtx>) -> ApiResult {
    if ctx.user.is_none() {
        return Ok(reply::need_login());
    }
    let groups = user::groups(&state.db(), ctx.site.id)?;
    let items: Vec<GroupJson> = groups.iter().map(|g| group_for(g, &ctx)).collect();
    Ok(reply::ok_items(items, true))
}

/// `GET /api/user/group/detail?id=` (UA).
pub async fn detail(
    State(state): State<AppState>,
    Extension(ctx): Extension<ReqCtx>,
    p: Params,
) -> ApiResult {
    if ctx.user.is_none() {
        return Ok(reply::need_login());
    }
    match user::group(&state.db(), ctx.site.id, p.i64_or("id", 0))? {
        Some(g) => Ok(reply::ok(group_for(&g, &ctx))),
        None => Ok(reply::fail("user group does not exist")),
    }
}
