//! Content models (§5.5) and their custom-field definitions (§5.2).

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::is_false;

/// A custom field definition as stored in `modules.fields`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldDef {
    pub name: String,
    pub field_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub is_system: bool,
    #[serde(default)]
    pub is_filter: bool,
    #[serde(default)]
    pub follow_level: bool,
    /// Options of radio/checkbox/select fields, newline-separated.
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub default: String,
    #[serde(default)]
    pub remark: String,
}

impl FieldDef {
    pub fn options(&self) -> Vec<String> {
        self.content
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind.as_str(), "radio" | "checkbox" | "select")
    }
}

/// The CustomField wire shape, with Go's `omitempty` rules.
#[derive(Debug, Clone, Serialize)]
pub struct CustomFieldJson {
    pub name: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field_name: String,
    #[serde(rename = "type", skip_serializing_if = "String::is_empty")]
    pub kind: String,
    pub value: Value,
    pub default: Value,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub remark: String,
    #[serde(skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub is_system: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub is_filter: bool,
    pub follow_level: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub content: String,
}

impl CustomFieldJson {
    /// A definition with its value. Empty values fall back to the default, except for
    /// radio/checkbox/select (as in `GetArchiveExtra`).
    pub fn from_def(def: &FieldDef, value: Option<&str>) -> CustomFieldJson {
        let raw = value.unwrap_or("");
        let value = if raw.is_empty() && !def.is_choice() {
            Value::String(def.default.clone())
        } else if def.kind == "number" {
            raw.parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::String(raw.to_string()))
        } else {
            Value::String(raw.to_string())
        };
        CustomFieldJson {
            name: def.name.clone(),
            field_name: def.field_name.clone(),
            kind: def.kind.clone(),
            value,
            default: Value::String(def.default.clone()),
            remark: def.remark.clone(),
            required: def.required,
            is_system: def.is_system,
            is_filter: def.is_filter,
            follow_level: def.follow_level,
            content: def.content.clone(),
        }
    }

    /// A field definition in `/api/module/*` (no value).
    pub fn definition(def: &FieldDef) -> CustomFieldJson {
        let mut f = CustomFieldJson::from_def(def, None);
        f.value = Value::Null;
        f
    }

    /// What Go emits for a field hidden by `follow_level` in the sorted params list:
    /// a zero-value struct.
    pub fn zero() -> CustomFieldJson {
        CustomFieldJson {
            name: String::new(),
            field_name: String::new(),
            kind: String::new(),
            value: Value::Null,
            default: Value::Null,
            remark: String::new(),
            required: false,
            is_system: false,
            is_filter: false,
            follow_level: false,
            content: String::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Module {
    pub id: i64,
    pub table_name: String,
    pub url_token: String,
    pub title: String,
    pub name: String,
    pub keywords: String,
    pub description: String,
    pub title_name: String,
    pub fields: Vec<FieldDef>,
    pub is_system: i64,
    pub status: i64,
    pub created_time: i64,
    pub updated_time: i64,
}

const COLS: &str =
    "id, table_name, url_token, title, name, keywords, description, title_name, fields, \
is_system, status, created_time, updated_time";

fn from_row(r: &Row) -> rusqlite::Result<Module> {
    Ok(Module {
        id: r.get(0)?,
        table_name: r.get(1)?,
        url_token: r.get(2)?,
        title: r.get(3)?,
        name: r.get(4)?,
        keywords: r.get(5)?,
        description: r.get(6)?,
        title_name: r.get(7)?,
        fields: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
        is_system: r.get(9)?,
        status: r.get(10)?,
        created_time: r.get(11)?,
        updated_time: r.get(12)?,
    })
}

pub fn list(conn: &Connection, site_id: i64) -> rusqlite::Result<Vec<Module>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM modules WHERE site_id = ?1 AND status = 1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([site_id], from_row)?;
    rows.collect()
}

pub fn get(conn: &Connection, site_id: i64, id: i64) -> rusqlite::Result<Option<Module>> {
    conn.query_row(
        &format!("SELECT {COLS} FROM modules WHERE site_id = ?1 AND id = ?2"),
        rusqlite::params![site_id, id],
        from_row,
    )
    .optional()
}

pub fn by_token(conn: &Connection, site_id: i64, token: &str) -> rusqlite::Result<Option<Module>> {
    conn.query_row(
        &format!(
            "SELECT {COLS} FROM modules WHERE site_id = ?1 AND (url_token = ?2 OR table_name = ?2)"
        ),
        rusqlite::params![site_id, token],
        from_row,
    )
    .optional()
}

/// The url_token of a module id, for building links ("" when unknown).
pub fn token_of(modules: &[Module], id: i64) -> &str {
    modules
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.url_token.as_str())
        .unwrap_or("")
}

#[derive(Serialize)]
pub struct ModuleJson {
    pub id: i64,
    pub created_time: i64,
    pub updated_time: i64,
    pub table_name: String,
    pub name: String,
    pub url_token: String,
    pub title: String,
    pub keywords: String,
    pub description: String,
    pub fields: Option<Vec<CustomFieldJson>>,
    pub category_fields: Option<Vec<CustomFieldJson>>,
    pub is_system: i64,
    pub title_name: String,
    pub status: i64,
    pub link: String,
}

pub fn module_json(m: &Module) -> ModuleJson {
    ModuleJson {
        id: m.id,
        created_time: m.created_time,
        updated_time: m.updated_time,
        table_name: m.table_name.clone(),
        name: m.name.clone(),
        url_token: m.url_token.clone(),
        title: m.title.clone(),
        keywords: m.keywords.clone(),
        description: m.description.clone(),
        fields: if m.fields.is_empty() {
            None
        } else {
            Some(m.fields.iter().map(CustomFieldJson::definition).collect())
        },
        category_fields: None,
        is_system: m.is_system,
        title_name: m.title_name.clone(),
        status: m.status,
        // AnqiCMS leaves the module link empty in the API.
        link: String::new(),
    }
}
