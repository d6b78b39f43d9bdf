//! Route table (mirrors `route/base.go`) and shared handler helpers.

pub mod account;
pub mod archive;
pub mod category;
pub mod coupon;
pub mod favorite;
pub mod group;
pub mod order;
pub mod payment;
pub mod retailer;
pub mod shop;
pub mod site;
pub mod tag;
pub mod test_controls;
mod test_social;
pub mod upload;
pub mod user;

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

use crate::{auth, faults, middleware, reply, static_files, AppState, Edition};

/// Builds the whole application: the `/api` party, `/logout`, `/uploads`, the optional
/// test controls and the static-file fallback, wrapped in the global middleware.
pub fn router(state: AppState) -> Router {
    // Content routes (`OPEN` in route/base.go): answer -1 while the API is switched off.
    let mut open = Router::new()
        .route("/api/archive/detail", get(archive::detail))
        .route("/api/archive/filters", get(archive::filters))
        .route("/api/archive/list", get(archive::list))
        .route("/api/archive/params", get(archive::params))
        .route("/api/archive/prev", get(archive::prev))
        .route("/api/archive/next", get(archive::next))
        .route("/api/category/detail", get(category::detail))
        .route("/api/category/list", get(category::list))
        .route("/api/page/detail", get(category::page_detail))
        .route("/api/page/list", get(category::page_list))
        .route("/api/module/detail", get(site::module_detail))
        .route("/api/module/list", get(site::module_list))
        .route("/api/setting/system", get(site::system))
        .route("/api/setting/contact", get(site::contact))
        .route("/api/setting/index", get(site::index))
        .route("/api/languages", get(site::languages))
        .route("/api/friendlink/list", get(site::friend_links))
        .route("/api/nav/list", get(site::nav_list))
        .route("/api/banner/list", get(site::banner_list))
        .route("/api/tag/detail", get(tag::detail))
        .route("/api/tag/list", get(tag::list))
        .route("/api/tag/data/list", get(tag::data_list))
        .route(
            "/api/attachment/upload",
            post(upload::attachment).layer(DefaultBodyLimit::max(upload::BODY_LIMIT)),
        );
    if state.opts().edition == Edition::Documented {
        open = open.route("/api/archive/sku", get(shop::sku));
    }
    let open = open.route_layer(from_fn_with_state(
        state.clone(),
        middleware::require_api_open,
    ));

    let mut api = Router::new()
        .route("/api/captcha", get(site::captcha))
        .route("/api/login", post(user::login))
        .route("/api/register", post(user::register))
        .route(
            "/api/user/detail",
            get(user::detail).post(account::update_detail),
        )
        .route(
            "/api/user/avatar",
            post(account::avatar).layer(DefaultBodyLimit::max(upload::BODY_LIMIT)),
        )
        .route("/api/user/password", post(account::password))
        .route(
            "/api/verify/email",
            get(account::open_link).post(account::send_mail),
        )
        .route("/api/password/reset", post(account::reset_password))
        .route("/api/archive/password/check", post(archive::password_check))
        .route("/api/order/addresses", get(order::addresses))
        .route(
            "/api/order/address",
            get(order::latest_address).post(order::save_address),
        )
        .route("/api/order/create", post(order::create))
        .route("/api/orders", get(order::list))
        .route("/api/order/detail", get(order::detail))
        .route("/api/order/cancel", post(order::cancel))
        .route("/api/order/finish", post(order::finish))
        .route("/api/order/refund", post(order::refund))
        .route("/api/order/payment", post(payment::create))
        .route("/api/payment/check", get(payment::check))
        .route("/api/favorite/list", get(favorite::list))
        .route("/api/favorite/check", post(favorite::check))
        .route("/api/favorite/add", post(favorite::add))
        .route("/api/favorite/delete", post(favorite::delete))
        .route("/api/user/groups", get(group::list))
        .route("/api/user/group/detail", get(group::detail))
        .route("/api/retailer/info", get(retailer::info))
        .route("/api/retailer/statistics", get(retailer::statistics))
        .route("/api/retailer/update", post(retailer::update))
        .route("/api/retailer/orders", get(retailer::orders))
        .route("/api/retailer/members", get(retailer::members))
        .route("/api/retailer/commissions", get(retailer::commissions))
        .route(
            "/api/retailer/withdraw",
            get(retailer::withdraw_list).post(retailer::withdraw_apply),
        )
        .merge(open);
    if state.opts().edition == Edition::Documented {
        // §12: present only in the documented build. In open-source mode these paths fall
        // through to the HTML 404, which is how the storefront detects the edition.
        api = api
            .route("/api/cart/list", get(shop::cart_list))
            .route("/api/cart/add", post(shop::cart_add))
            .route("/api/cart/update", post(shop::cart_update))
            .route("/api/cart/remove", post(shop::cart_remove))
            .route("/api/orders/statistics", get(order::statistics))
            .route("/api/coupon/valid", get(coupon::valid))
            .route("/api/coupon/code", post(coupon::claim))
            .route("/api/coupon/codes", get(coupon::codes))
            .route("/api/order/checkout", post(order::checkout));
    }
    // A real AnqiCMS sits behind nginx, which gzips JSON; dist/ is precompressed instead.
    let api = api
        .layer(from_fn_with_state(state.clone(), auth::api_context))
        .layer(CompressionLayer::new());

    let mut app = Router::new()
        .merge(api)
        .route("/logout", get(user::logout))
        // The demo's payment gateway: hosted pay page, and what the WeChat QR opens.
        .route("/__pay/{payment_id}", get(payment::hosted_page))
        .route("/__pay/{payment_id}/pay", post(payment::hosted_pay))
        .route("/__pay/{payment_id}/cancel", post(payment::hosted_cancel))
        .route("/__pay/{payment_id}/scan", get(payment::scan))
        .route(
            "/uploads/{*path}",
            get(static_files::uploads).layer(CompressionLayer::new()),
        );
    if state.opts().test_controls {
        app = app.merge(test_controls::routes());
    }
    let mut app = app
        .fallback(static_files::fallback)
        // Iris does not answer 405: a known path with the wrong method is a plain 404.
        .method_not_allowed_fallback(|| async { reply::html_404() })
        .layer(from_fn(middleware::lang_redirect));
    if state.opts().test_controls {
        app = app.layer(from_fn_with_state(state.clone(), faults::inject));
    }
    app.layer(from_fn(middleware::cors))
        // `Recover`: a panic becomes the HTML 500 page, never a dropped connection.
        .layer(CatchPanicLayer::custom(|_| {
            reply::error_page(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }))
        .with_state(state)
}

/// `"n"` or `"offset,n"`, with n clamped to `1..=max` (default `default`).
pub fn parse_limit(raw: &str, default: i64, max: i64) -> (i64, i64) {
    let raw = raw.trim();
    let (offset, n) = match raw.split_once(',') {
        Some((o, n)) => (
            o.trim().parse().unwrap_or(0),
            n.trim().parse().unwrap_or(default),
        ),
        None => (0, raw.parse().unwrap_or(default)),
    };
    (offset.max(0), n.clamp(1, max))
}

/// `ReadJSON`: a malformed body is `{code:-1, msg:<decoder error>}` (HTTP 200).
pub fn read_json<T: DeserializeOwned>(body: &Bytes) -> Result<T, reply::ApiError> {
    Ok(serde_json::from_slice(body)?)
}

/// A JSON number or numeric string as an integer (ids the app may send either way).
pub fn int_value(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{int_value, parse_limit};
    use serde_json::json;

    #[test]
    fn ints_from_numbers_or_strings() {
        assert_eq!(int_value(&json!(17)), Some(17));
        assert_eq!(int_value(&json!("17")), Some(17));
        assert_eq!(int_value(&json!(" 17 ")), Some(17));
        assert_eq!(int_value(&json!(17.0)), Some(17));
        assert_eq!(int_value(&json!(17.5)), None);
        assert_eq!(int_value(&json!("AQ20-7F3K2")), None);
        assert_eq!(int_value(&json!(null)), None);
    }

    #[test]
    fn limits() {
        assert_eq!(parse_limit("", 10, 100), (0, 10));
        assert_eq!(parse_limit("5", 10, 100), (0, 5));
        assert_eq!(parse_limit("20,5", 10, 100), (20, 5));
        assert_eq!(parse_limit("1000", 10, 100), (0, 100));
        assert_eq!(parse_limit("0", 10, 100), (0, 1));
        assert_eq!(parse_limit("x", 10, 100), (0, 10));
    }
}
