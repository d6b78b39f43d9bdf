//! Reusable views. They take domain types and never call the API themselves, except the
//! shell's own navigation and footer data, the buy box's product options, and a coupon
//! card's claim.

pub mod buy_box;
pub mod captcha;
pub mod cards;
pub mod cart;
pub mod comments;
pub mod coupons;
pub mod data_view;
pub mod error_panel;
pub mod favorites;
pub mod listing;
pub mod not_found;
pub mod page_meta;
pub mod pagination;
pub mod qr;
pub mod reviews;
pub mod rich_html;
pub mod shell;
pub mod skeleton;
pub mod wishlist;
