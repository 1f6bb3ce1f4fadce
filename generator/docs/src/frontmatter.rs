//! Front matter: the only module that touches serde_yaml (unmaintained upstream, so it
//! stays behind this one function and can be swapped without touching anything else).

use serde::Deserialize;

/// The front-matter fields the generator reads. Unknown fields are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct FrontMatter {
    #[serde(default, deserialize_with = "lenient")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub author: Option<String>,
    #[serde(default, rename = "ms.prod", deserialize_with = "lenient")]
    pub ms_prod: Option<String>,
    #[serde(default, rename = "ms.localizationpriority", deserialize_with = "lenient")]
    pub ms_localizationpriority: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub localization_priority: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    pub doc_type: Option<String>,
}

impl FrontMatter {
    /// The fields as (key, value) pairs, for checks that look at every one.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("title", self.title.as_deref()),
            ("description", self.description.as_deref()),
            ("author", self.author.as_deref()),
            ("ms.prod", self.ms_prod.as_deref()),
            (
                "ms.localizationpriority",
                self.ms_localizationpriority.as_deref().or(self.localization_priority.as_deref()),
            ),
            ("doc_type", self.doc_type.as_deref()),
        ]
    }
}

/// Scalars of any YAML type become strings; sequences and maps are dropped.
fn lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = serde_yaml::Value::deserialize(d)?;
    Ok(match v {
        serde_yaml::Value::String(s) => Some(s),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        _ => None,
    })
}

/// A YAML error with its position inside the front-matter text (0-based byte offset).
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub offset: Option<usize>,
}

/// Parses the text between the `---` fences.
pub fn parse(yaml: &str) -> Result<FrontMatter, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    serde_yaml::from_str::<FrontMatter>(yaml)
        .map_err(|e| YamlError { offset: e.location().map(|l| l.index()), message: e.to_string() })
}
