//! Recognising a migration authority in an org's id or name, however it is spelled.
//!
//! The INM is not competent to receive complaints (Ley de Migración, art. 93), and a complaint
//! about a migration agent that reached the INM would reach the agent's colleagues. The routing
//! loader asks this module about every org's id and name. It is a guard against mistakes and
//! careless copies (an operator who pastes "I.N.M. Delegación Chiapas", a look-alike Cyrillic
//! letter, an invisible space), not against an operator who edits the code.
//!
//! # How a text is compared
//!
//! Both the text and every word it is compared with go through [`fold`]: the UTS #39 confusable
//! skeleton (Cyrillic `І` and Latin `I` become the same letter; default-ignorable characters such
//! as U+200B vanish), lower case, accents removed, and the letters `l`/`i` and `rn`/`m` merged
//! (the skeleton maps `I` and `1` to `l`, and `m` to `rn`). The result is split into words on
//! anything that is not a letter or a digit (spaces of any width, punctuation), and runs of
//! one-letter words are joined (`I.N.M.` and `i-n-m` read as `inm`).
//!
//! A text names a migration authority when a word is `inm`, or starts or ends with it and is not
//! an ordinary word (`inmigrante`, `inmaculada`), or contains a migration stem in Spanish,
//! English, French or Portuguese (`migración`, `migratoria`, `migration(s)`, `immigration`,
//! `migração`, `migratoire`). An org of kind `internal_oversight` may name the INM when it names
//! itself as its oversight office (`OIC`, `órgano interno de control`, `internal oversight`) and
//! not as a delegation, station, provisional stay or representation office of it.

use super::OrgKind;

/// Words that contain a migration stem (after [`fold`]): any of them names a migration body.
const MIGRATION_STEMS: &[&str] = &[
    "migraci",    // migración, inmigración, migraciones
    "migracao",   // migração, imigração
    "migracoes",  // migrações
    "migration",  // migration(s), immigration
    "migratori",  // migratoria, migratorio, migratória
    "migratoire", // station migratoire
];

/// Ordinary words that begin with `inm` (Spanish): not the INM.
const INM_WORDS: &[&str] = &[
    "inmigra",
    "inmedia",
    "inmens",
    "inmun",
    "inmacul",
    "inmobil",
    "inmueb",
    "inmort",
    "inmov",
    "inmers",
    "inmejor",
    "inmerec",
    "inmemor",
    "inmanen",
    "inmadur",
    "inmodific",
    "inmoral",
];

/// How an oversight office names itself (word sequences, after [`fold`]).
const OVERSIGHT: &[&[&str]] = &[
    &["oic"],
    &["oversight"],
    &["control", "interno"],
    &["interno", "de", "control"],
    &["internal", "control"],
    &["controle", "interne"],
    &["controlo", "interno"],
];

/// Words by which a part of the INM presents itself: an oversight office is none of them.
const INM_OFFICES: &[&str] = &[
    "delegacion",
    "subdelegacion",
    "delegation",
    "delegacao",
    "delegue",
    "estacion",
    "station",
    "estacao",
    "estancia",
    "representacion",
    "representation",
    "representacao",
    "representante",
];

/// The comparable form of `text`: its confusable skeleton [folded](crate::i18n::fold), with
/// `l`→`i` and `rn`→`m` (look-alikes the skeleton keeps apart).
fn fold(text: &str) -> String {
    let skeleton: String = unicode_security::skeleton(text).collect();
    crate::i18n::fold(&skeleton)
        .replace('l', "i")
        .replace("rn", "m")
}

/// The words of `text` after [`fold`], with runs of one-letter words joined.
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out: Vec<String> = Vec::new();
    let mut letters = String::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if w.chars().count() == 1 {
            letters.push_str(w);
            continue;
        }
        if !letters.is_empty() {
            out.push(std::mem::take(&mut letters));
        }
        out.push(w.to_owned());
    }
    if !letters.is_empty() {
        out.push(letters);
    }
    out
}

/// Whether an org's id or name (`text`) names a migration authority, for an org of `kind`.
pub fn names_migration_authority(text: &str, kind: OrgKind) -> bool {
    let words = words(text);
    let folded = |list: &[&str]| list.iter().map(|w| fold(w)).collect::<Vec<_>>();
    let stems = folded(MIGRATION_STEMS);
    let ordinary = folded(INM_WORDS);
    let inm = fold("inm");
    let is_inm = |w: &str| {
        w == inm
            || ((w.starts_with(&inm) || w.ends_with(&inm))
                && !ordinary.iter().any(|o| w.starts_with(o.as_str())))
    };
    let names_inm = words.iter().any(|w| is_inm(w));
    let names_migration = words
        .iter()
        .any(|w| stems.iter().any(|s| w.contains(s.as_str())));
    if !(names_inm || names_migration) {
        return false;
    }
    if kind != OrgKind::InternalOversight {
        return true;
    }
    let has_run = |run: &[&str]| {
        let run = folded(run);
        words.windows(run.len()).any(|w| w == run.as_slice())
    };
    let oversight = OVERSIGHT.iter().any(|run| has_run(run));
    let offices = folded(INM_OFFICES);
    let office = words.iter().any(|w| offices.contains(w));
    !oversight || office
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spellings that must be refused for every kind, the oversight kind included.
    const ALWAYS_REFUSED: &[&str] = &[
        "INM",
        "inm",
        "INM Delegación Chiapas",
        "I.N.M. Delegación Chiapas",
        "I. N. M. Chiapas",
        "i-n-m-tapachula",
        "inm-chiapas",
        "inmchiapas",
        "chiapas-inm",
        "IN\u{200b}M Chiapas",
        "I\u{00ad}NM Chiapas",
        "I\u{2060}N\u{feff}M",
        "\u{0406}NM Tapachula",     // Cyrillic capital І
        "\u{0456}nm-tapachula",     // Cyrillic small і
        "\u{0406}\u{039d}\u{039c}", // Cyrillic І, Greek Ν and Μ
        "ＩＮＭ Delegación",        // fullwidth letters
        "1NM Chiapas",              // a digit one for the I
        "lNM Chiapas",              // a small L for the I
        "Estación  Migratoria Siglo XXI",
        "Estación\u{00a0}Migratoria Siglo XXI",
        "Estacion Migratoria",
        "ESTACIÓN MIGRATORIA",
        "Estancia Provisional Migratoria",
        "Instituto Nacional de Migración",
        "Instituto Nacional de Migracion",
        "Instituto Nacional de Migração",
        "Institut national des migrations",
        "National Migration Institute",
        "Immigration office",
        "Servicio de Inmigración",
        "Migración Tapachula",
        "Migraci\u{f3}n",
        "Migracio\u{301}n",  // combining accent
        "Migraci0n Chiapas", // a zero for the o
        "Autoridad migratoria",
        "Station migratoire de Tapachula",
        "Serviço de Imigração",
        "Migrações",
        "Delegación del INM en Chiapas",
        "Oficina de Representación del INM en Chiapas",
    ];

    /// Names an oversight office uses: allowed for `internal_oversight` only.
    const OVERSIGHT_NAMES: &[&str] = &[
        "OIC en el INM",
        "oic-inm",
        "Órgano Interno de Control en el Instituto Nacional de Migración",
        "Organo Interno de Control en el INM",
        "INM internal oversight office",
        "O.I.C. en el I.N.M.",
    ];

    /// An oversight kind that presents itself as a part of the INM is refused.
    const OVERSIGHT_DISGUISES: &[&str] = &[
        "Delegación del INM en Chiapas (enlace OIC)",
        "OIC - Estación Migratoria Siglo XXI",
        "INM Delegación Chiapas, Órgano Interno de Control",
        "OIC en el INM, Oficina de Representación en Chiapas",
        "INM Tapachula station (internal oversight)",
    ];

    /// Bodies that receive complaints: never refused.
    const ACCEPTED: &[&str] = &[
        "CNDH Quinta Visitaduría",
        "cndh",
        "FGR Unidad de Delitos contra Migrantes",
        "Unidad de Investigación de Delitos para Personas Migrantes",
        "CEDH Chiapas",
        "Comisión de Búsqueda de Chiapas",
        "Casa del Migrante",
        "Casa del Inmigrante",
        "Albergue Inmaculada Concepción",
        "Albergue",
        "Hermanos en el Camino",
        "Fray Matías de Córdova",
        "Sin Fronteras",
        "La 72, Hogar-Refugio para Personas Migrantes",
        "Jardín Municipal de Tapachula",
        "REDODEM",
        "Procuraduría de Protección de Niñas, Niños y Adolescentes",
        "albergue-inmaculada",
        "cedh-chis",
        "fgr-migrantes",
    ];

    #[test]
    fn every_spelling_of_a_migration_authority_is_refused_for_every_kind() {
        let kinds = [
            OrgKind::HumanRightsCommission,
            OrgKind::InternalOversight,
            OrgKind::Prosecutor,
            OrgKind::CivilSociety,
            OrgKind::ChildProtection,
            OrgKind::SearchCommission,
        ];
        for text in ALWAYS_REFUSED {
            for kind in kinds {
                assert!(
                    names_migration_authority(text, kind),
                    "{text:?} as {kind:?} should be refused (words: {:?})",
                    words(text)
                );
            }
        }
    }

    #[test]
    fn the_oversight_office_may_name_the_inm_but_only_as_its_oversight() {
        for text in OVERSIGHT_NAMES {
            assert!(
                !names_migration_authority(text, OrgKind::InternalOversight),
                "{text:?} is the OIC (words: {:?})",
                words(text)
            );
            assert!(
                names_migration_authority(text, OrgKind::Prosecutor),
                "{text:?} names the INM: only the oversight kind may"
            );
        }
        for text in OVERSIGHT_DISGUISES {
            assert!(
                names_migration_authority(text, OrgKind::InternalOversight),
                "{text:?} presents itself as a part of the INM (words: {:?})",
                words(text)
            );
        }
    }

    #[test]
    fn receiving_bodies_and_shelters_are_not_mistaken_for_one() {
        for text in ACCEPTED {
            for kind in [OrgKind::CivilSociety, OrgKind::InternalOversight] {
                assert!(
                    !names_migration_authority(text, kind),
                    "{text:?} is not a migration authority (words: {:?})",
                    words(text)
                );
            }
        }
    }

    #[test]
    fn one_letter_words_are_joined_and_invisible_characters_vanish() {
        assert_eq!(words("I.N.M. Delegación"), ["inm", "deiegacion"]);
        assert_eq!(words("IN\u{200b}M"), ["inm"]);
        assert_eq!(fold("\u{0406}NM"), fold("INM"));
    }
}
