//! Mexican states (ISO 3166-2:MX), the route-state menu, and recognising a state typed in words.

use serde::{Deserialize, Serialize};

use super::ParseError;

/// (ISO 3166-2:MX subdivision code, the names and abbreviations people type for it).
/// Names here are for *recognising* input; labels shown to people live in `locales/`.
const STATES: &[(&str, &[&str])] = &[
    ("AGU", &["aguascalientes", "ags"]),
    ("BCN", &["baja california", "bc", "tijuana", "mexicali"]),
    ("BCS", &["baja california sur"]),
    ("CAM", &["campeche"]),
    (
        "CHP",
        &["chiapas", "chis", "tapachula", "tuxtla", "tuxtla gutierrez"],
    ),
    ("CHH", &["chihuahua", "chih", "ciudad juarez", "juarez"]),
    (
        "CMX",
        &[
            "ciudad de mexico",
            "cdmx",
            "df",
            "distrito federal",
            "mexico city",
        ],
    ),
    ("COA", &["coahuila", "coah", "piedras negras", "saltillo"]),
    ("COL", &["colima"]),
    ("DUR", &["durango"]),
    ("GUA", &["guanajuato"]),
    ("GRO", &["guerrero"]),
    ("HID", &["hidalgo"]),
    ("JAL", &["jalisco", "guadalajara"]),
    (
        "MEX",
        &["estado de mexico", "edomex", "edo mex", "mexico state"],
    ),
    ("MIC", &["michoacan"]),
    ("MOR", &["morelos"]),
    ("NAY", &["nayarit"]),
    ("NLE", &["nuevo leon", "monterrey"]),
    ("OAX", &["oaxaca"]),
    ("PUE", &["puebla"]),
    ("QUE", &["queretaro"]),
    ("ROO", &["quintana roo", "cancun"]),
    ("SLP", &["san luis potosi", "slp"]),
    ("SIN", &["sinaloa"]),
    ("SON", &["sonora", "nogales", "hermosillo"]),
    ("TAB", &["tabasco", "tenosique", "villahermosa"]),
    (
        "TAM",
        &[
            "tamaulipas",
            "tamps",
            "reynosa",
            "matamoros",
            "nuevo laredo",
        ],
    ),
    ("TLA", &["tlaxcala"]),
    ("VER", &["veracruz", "coatzacoalcos"]),
    ("YUC", &["yucatan", "merida"]),
    ("ZAC", &["zacatecas"]),
];

/// The states most on migrant routes, in menu order (Chiapas first, where most people enter).
const ROUTE_MENU: &[&str] = &[
    "CHP", "TAB", "OAX", "VER", "PUE", "CMX", "MEX", "SLP", "NLE", "TAM", "COA", "CHH", "SON",
    "BCN",
];

/// A Mexican state by its ISO 3166-2:MX code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MxState(&'static str);

impl MxState {
    pub fn parse_code(code: &str) -> Result<Self, ParseError> {
        let code = code.trim().to_ascii_uppercase();
        let code = code.strip_prefix("MX-").unwrap_or(&code);
        STATES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(c, _)| Self(c))
            .ok_or(ParseError("a state is an ISO 3166-2:MX code such as CHP"))
    }

    /// Recognises a state written in words ("Chiapas", "veracrúz", "CDMX", "MX-OAX").
    pub fn from_words(text: &str) -> Option<Self> {
        let norm = crate::i18n::fold_words(text);
        if norm.is_empty() {
            return None;
        }
        if let Ok(s) = Self::parse_code(&norm) {
            return Some(s);
        }
        // Longest alias first, so "baja california sur" wins over "baja california".
        let mut best: Option<(usize, &'static str)> = None;
        for (code, names) in STATES {
            for name in *names {
                let whole = norm == *name;
                let inside = name.len() > 3 && contains_words(&norm, name);
                if (whole || inside) && best.is_none_or(|(len, _)| name.len() > len) {
                    best = Some((name.len(), code));
                }
            }
        }
        best.map(|(_, c)| Self(c))
    }

    pub fn route_menu() -> impl Iterator<Item = Self> {
        ROUTE_MENU.iter().map(|c| Self(c))
    }

    pub fn all() -> impl Iterator<Item = Self> {
        STATES.iter().map(|(c, _)| Self(c))
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    pub fn label_id(self) -> String {
        format!("state-{}", self.0)
    }
}

impl TryFrom<String> for MxState {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        Self::parse_code(&s)
    }
}

impl From<MxState> for String {
    fn from(s: MxState) -> String {
        s.0.to_owned()
    }
}

/// The reporter's answer to "where": a state, or "don't know / outside these".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum StateAnswer {
    Known(MxState),
    Unknown,
}

impl StateAnswer {
    /// `unknown`, or the ISO code: what is stored in the clear and in the envelope.
    pub fn code(self) -> &'static str {
        match self {
            StateAnswer::Known(s) => s.code(),
            StateAnswer::Unknown => "unknown",
        }
    }

    pub fn label_id(self) -> String {
        match self {
            StateAnswer::Known(s) => s.label_id(),
            StateAnswer::Unknown => "state-unknown".into(),
        }
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if s == "unknown" {
            Ok(StateAnswer::Unknown)
        } else {
            MxState::parse_code(s).map(StateAnswer::Known)
        }
    }
}

impl TryFrom<String> for StateAnswer {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        Self::parse(&s)
    }
}

impl From<StateAnswer> for String {
    fn from(s: StateAnswer) -> String {
        s.code().to_owned()
    }
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    let padded = format!(" {haystack} ");
    padded.contains(&format!(" {needle} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Option<&'static str> {
        MxState::from_words(s).map(MxState::code)
    }

    #[test]
    fn states_are_recognised_in_words() {
        assert_eq!(words("Chiapas"), Some("CHP"));
        assert_eq!(words("  VERACRÚZ "), Some("VER"));
        assert_eq!(words("en Tapachula, Chiapas"), Some("CHP"));
        assert_eq!(words("cdmx"), Some("CMX"));
        assert_eq!(words("Baja California Sur"), Some("BCS"));
        assert_eq!(words("baja california"), Some("BCN"));
        assert_eq!(words("Nuevo León"), Some("NLE"));
        assert_eq!(words("MX-OAX"), Some("OAX"));
        assert_eq!(words("no sé"), None);
        assert_eq!(words(""), None);
    }

    #[test]
    fn the_route_menu_starts_with_chiapas_and_has_only_real_states() {
        let menu: Vec<_> = MxState::route_menu().collect();
        assert_eq!(menu.first().map(|s| s.code()), Some("CHP"));
        assert!(menu.iter().all(|s| MxState::parse_code(s.code()).is_ok()));
        assert_eq!(MxState::all().count(), 32);
    }
}
