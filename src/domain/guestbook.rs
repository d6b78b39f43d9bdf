//! The guestbook's field definitions (`/api/guestbook/fields`) and the required-field check
//! made before anything is sent.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Number,
    Textarea,
    Radio,
    Select,
    Checkbox,
    Image,
}

impl FieldKind {
    /// AnqiCMS's `type`; an unknown type is offered as a text field (it still takes text).
    pub fn parse(raw: &str) -> FieldKind {
        match raw.trim() {
            "number" => FieldKind::Number,
            "textarea" | "editor" => FieldKind::Textarea,
            "radio" => FieldKind::Radio,
            "select" => FieldKind::Select,
            "checkbox" => FieldKind::Checkbox,
            "image" | "file" => FieldKind::Image,
            _ => FieldKind::Text,
        }
    }

    /// Kinds that choose among `options`.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            FieldKind::Radio | FieldKind::Select | FieldKind::Checkbox
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The label.
    pub name: String,
    /// The form field name the server reads.
    pub field_name: String,
    pub kind: FieldKind,
    pub required: bool,
    pub options: Vec<String>,
}

impl Field {
    /// A field definition, or `None` when it has no usable name (it could not be sent), or
    /// it is a choice without options (it could never be answered).
    pub fn new(
        name: &str,
        field_name: &str,
        kind: &str,
        required: bool,
        content: &str,
    ) -> Option<Field> {
        let field_name = field_name.trim();
        let valid_name = !field_name.is_empty()
            && field_name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !valid_name {
            return None;
        }
        let kind = FieldKind::parse(kind);
        let options = if kind.has_options() {
            options(content)
        } else {
            Vec::new()
        };
        if kind.has_options() && options.is_empty() {
            return None;
        }
        let label = name.trim();
        Some(Field {
            name: if label.is_empty() {
                field_name.to_string()
            } else {
                label.to_string()
            },
            field_name: field_name.to_string(),
            kind,
            required,
            options,
        })
    }
}

/// The options of a choice field: one per line, trimmed, without blanks or repeats.
pub fn options(content: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in content.lines() {
        let option = line.trim();
        if !option.is_empty() && !out.iter().any(|o| o == option) {
            out.push(option.to_string());
        }
    }
    out
}

/// The required fields `is_filled` says have no answer, in form order.
pub fn missing(fields: &[Field], is_filled: impl Fn(&Field) -> bool) -> Vec<&Field> {
    fields
        .iter()
        .filter(|f| f.required && !is_filled(f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_with_their_options() {
        let f = Field::new(
            "Colour",
            "colour",
            "checkbox",
            true,
            "Red\n\n Blue \nRed\r\nGreen",
        )
        .unwrap_or_else(|| panic!("field"));
        assert_eq!(f.kind, FieldKind::Checkbox);
        assert_eq!(f.options, vec!["Red", "Blue", "Green"]);
        let t =
            Field::new("", "user_name", "text", true, "ignored").unwrap_or_else(|| panic!("field"));
        assert_eq!(t.name, "user_name");
        assert!(t.options.is_empty());
        assert_eq!(FieldKind::parse("whatever"), FieldKind::Text);
        assert_eq!(FieldKind::parse("image"), FieldKind::Image);
        // Unusable definitions are left out.
        assert!(Field::new("X", "", "text", false, "").is_none());
        assert!(Field::new("X", "a\"b", "text", false, "").is_none());
        assert!(Field::new("X", "pick", "radio", true, "\n \n").is_none());
    }

    #[test]
    fn only_unanswered_required_fields_are_missing() {
        let fields = vec![
            Field::new("Name", "user_name", "text", true, "").unwrap_or_else(|| panic!()),
            Field::new("Phone", "contact", "text", false, "").unwrap_or_else(|| panic!()),
            Field::new("Topics", "topics", "checkbox", true, "a\nb").unwrap_or_else(|| panic!()),
        ];
        let names = |answered: &[&str]| {
            missing(&fields, |f| answered.contains(&f.field_name.as_str()))
                .into_iter()
                .map(|f| f.field_name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&[]), vec!["user_name", "topics"]);
        assert_eq!(names(&["topics"]), vec!["user_name"]);
        assert!(names(&["user_name", "topics"]).is_empty());
    }
}
