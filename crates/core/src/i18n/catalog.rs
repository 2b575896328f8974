//! Loading Fluent files and rendering message ids with arguments, with Spanish as fallback.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::ids;
use crate::domain::Lang;

include!(concat!(env!("OUT_DIR"), "/embedded_locales.rs"));

/// Text to show a person, before it is rendered in her language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A Fluent message id with named arguments.
    Msg {
        id: String,
        args: Vec<(String, Arg)>,
    },
    /// A message rendered in a fixed language, whatever the reader's (a language's own name
    /// in the language menu; a receipt written in the language of the person it belongs to).
    MsgIn {
        lang: Lang,
        id: String,
        args: Vec<(String, Arg)>,
    },
    /// Text that is the same in every language (an org's configured name, a receipt).
    Literal(String),
}

/// A Fluent argument: literal text, or another message rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Str(String),
    Msg(String),
}

impl Text {
    pub fn msg(id: impl Into<String>) -> Self {
        Text::Msg {
            id: id.into(),
            args: Vec::new(),
        }
    }

    pub fn in_lang(lang: Lang, id: impl Into<String>) -> Self {
        Text::MsgIn {
            lang,
            id: id.into(),
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: Arg) -> Self {
        if let Text::Msg { args, .. } | Text::MsgIn { args, .. } = &mut self {
            args.push((name.to_owned(), value));
        }
        self
    }

    pub fn with_str(self, name: &str, value: impl Into<String>) -> Self {
        self.with(name, Arg::Str(value.into()))
    }

    pub fn with_msg(self, name: &str, id: impl Into<String>) -> Self {
        self.with(name, Arg::Msg(id.into()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locales folder {0}: cannot be read: {1}")]
    Folder(PathBuf, std::io::Error),
    #[error("locale file {0}: cannot be read: {1}")]
    File(PathBuf, std::io::Error),
    #[error("locale file {0}: Fluent syntax error near line {1}")]
    Syntax(PathBuf, usize),
    #[error("locale file {0}: message `{1}` is defined twice")]
    Duplicate(PathBuf, String),
    #[error("locale {0}: it has no `language-name` message")]
    NoName(String),
    #[error("locales folder {0}: it has no Spanish (`es`) locale, which is the fallback")]
    NoSpanish(PathBuf),
}

/// Every loaded locale. Built once at start; rendering never touches the disk.
pub struct Catalog {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    ids: BTreeMap<Lang, BTreeSet<String>>,
    order: Vec<Lang>,
    /// Partial locales, in menu order.
    partial: Vec<Lang>,
}

impl Catalog {
    /// Loads every `<dir>/<lang>/*.ftl`. Any unreadable or broken file stops the load with an
    /// error that names it.
    pub fn load(dir: &Path) -> Result<Self, I18nError> {
        let mut bundles = BTreeMap::new();
        let mut ids = BTreeMap::new();
        let entries = std::fs::read_dir(dir).map_err(|e| I18nError::Folder(dir.into(), e))?;
        let mut langs: Vec<(Lang, PathBuf)> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| I18nError::Folder(dir.into(), e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let (Ok(lang), true) = (Lang::parse(name), entry.path().is_dir()) {
                langs.push((lang, entry.path()));
            }
        }
        for (lang, path) in langs {
            let (bundle, msg_ids) = load_locale(&lang, &path)?;
            if !msg_ids.contains(ids::LANGUAGE_NAME) {
                return Err(I18nError::NoName(lang.to_string()));
            }
            bundles.insert(lang.clone(), bundle);
            ids.insert(lang, msg_ids);
        }
        if !bundles.contains_key(&Lang::spanish()) {
            return Err(I18nError::NoSpanish(dir.into()));
        }
        Ok(Self::assemble(bundles, ids))
    }

    /// A catalogue from Fluent sources compiled into the binary (for `buzon inbox`, which runs
    /// on an analyst's machine without the `locales/` folder).
    pub fn from_sources(sources: &[(&str, &str, &str)]) -> Result<Self, I18nError> {
        let mut grouped: BTreeMap<Lang, Vec<(PathBuf, String)>> = BTreeMap::new();
        for (lang, name, text) in sources {
            let lang = Lang::parse(lang).map_err(|_| I18nError::NoName((*lang).to_owned()))?;
            grouped
                .entry(lang)
                .or_default()
                .push((PathBuf::from(name), (*text).to_owned()));
        }
        let mut bundles = BTreeMap::new();
        let mut ids = BTreeMap::new();
        for (lang, sources) in grouped {
            let (bundle, msg_ids) = bundle_of(&lang, sources)?;
            bundles.insert(lang.clone(), bundle);
            ids.insert(lang, msg_ids);
        }
        Ok(Self::assemble(bundles, ids))
    }

    /// Builds the catalogue and its menu order from loaded bundles.
    fn assemble(
        bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
        ids: BTreeMap<Lang, BTreeSet<String>>,
    ) -> Self {
        let mut catalog = Self {
            bundles,
            ids,
            order: Vec::new(),
            partial: Vec::new(),
        };
        catalog.order = catalog.menu_order();
        catalog.partial = catalog
            .order
            .iter()
            .filter(|l| catalog.is_partial(l))
            .cloned()
            .collect();
        catalog
    }

    /// Menu order: each locale's `locale-order` number (Spanish, the fallback, is 1), then
    /// locales without one by code. A new locale folder is offered without a code change.
    fn menu_order(&self) -> Vec<Lang> {
        let mut order: Vec<Lang> = self.bundles.keys().cloned().collect();
        order.sort_by_key(|l| {
            let n = self
                .own(l, ids::LOCALE_ORDER)
                .and_then(|n| n.trim().parse::<u32>().ok())
                .unwrap_or(u32::MAX);
            (l != &Lang::spanish(), n, l.clone())
        });
        order
    }

    /// A partial locale (`locale-coverage = partial`) has only its name and a greeting; every
    /// other message comes from Spanish. Used where we cannot write a language well.
    pub fn is_partial(&self, lang: &Lang) -> bool {
        self.own(lang, "locale-coverage")
            .is_some_and(|v| v.trim() == "partial")
    }

    /// The partial locales (see [`Catalog::is_partial`]).
    pub fn greeting_only(&self) -> &[Lang] {
        &self.partial
    }

    /// Every locale compiled into the binary (all of `locales/` at build time): the server and
    /// every command work from any folder, and `buzon inbox` on an analyst's machine.
    pub fn embedded() -> Result<Self, I18nError> {
        Self::from_sources(EMBEDDED)
    }

    /// The catalogue compiled in, or, when `folder` is given (the `locales` setting), the
    /// locales in that folder instead: a translator tries changed texts without a rebuild.
    pub fn embedded_or(folder: Option<&Path>) -> Result<Self, I18nError> {
        match folder {
            Some(dir) => Self::load(dir),
            None => Self::embedded(),
        }
    }

    /// Supported languages in menu order.
    pub fn languages(&self) -> &[Lang] {
        &self.order
    }

    pub fn supports(&self, lang: &Lang) -> bool {
        self.bundles.contains_key(lang)
    }

    /// The message ids a locale defines (for the completeness test and translators).
    pub fn message_ids(&self, lang: &Lang) -> Option<&BTreeSet<String>> {
        self.ids.get(lang)
    }

    /// Renders `text` in `lang`, falling back to Spanish for a missing message, and to the bare
    /// id (never a panic) if even Spanish lacks it.
    pub fn render(&self, lang: &Lang, text: &Text) -> String {
        match text {
            Text::Literal(s) => s.clone(),
            Text::MsgIn { lang, id, args } if args.is_empty() => self.message(lang, id, None),
            Text::MsgIn { lang, id, args } => self.with_args(lang, id, args),
            Text::Msg { id, args } => self.with_args(lang, id, args),
        }
    }

    fn with_args(&self, lang: &Lang, id: &str, args: &[(String, Arg)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            let v = match value {
                Arg::Str(s) => s.clone(),
                Arg::Msg(id) => self.message(lang, id, None),
            };
            fargs.set(name.clone(), FluentValue::from(v));
        }
        self.message(lang, id, Some(&fargs))
    }

    /// Shorthand for a message without arguments.
    pub fn get(&self, lang: &Lang, id: &str) -> String {
        self.message(lang, id, None)
    }

    /// A message of this locale itself, without the Spanish fallback.
    fn own(&self, lang: &Lang, id: &str) -> Option<String> {
        let bundle = self.bundles.get(lang)?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned(),
        )
    }

    fn message(&self, lang: &Lang, id: &str, args: Option<&FluentArgs>) -> String {
        let spanish = Lang::spanish();
        for l in [lang, &spanish] {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let out = bundle.format_pattern(pattern, args, &mut errors);
            if errors.is_empty() {
                return out.into_owned();
            }
            tracing::warn!(message_id = id, lang = %l, "message has formatting errors");
            return out.into_owned();
        }
        tracing::error!(message_id = id, "message id missing from every locale");
        id.to_owned()
    }
}

fn load_locale(
    lang: &Lang,
    dir: &Path,
) -> Result<(FluentBundle<FluentResource>, BTreeSet<String>), I18nError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| I18nError::Folder(dir.into(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    let mut sources = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| I18nError::File(path.clone(), e))?;
        sources.push((path, text));
    }
    bundle_of(lang, sources)
}

fn bundle_of(
    lang: &Lang,
    sources: Vec<(PathBuf, String)>,
) -> Result<(FluentBundle<FluentResource>, BTreeSet<String>), I18nError> {
    let langid = lang
        .as_str()
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks around arguments: they are outside GSM-7 and would make every
    // SMS with an argument cost UCS-2 rates.
    bundle.set_use_isolating(false);
    let mut ids = BTreeSet::new();
    for (path, source) in sources {
        let resource = FluentResource::try_new(source.clone()).map_err(|(_, errors)| {
            let offset = errors.first().map(|e| e.pos.start).unwrap_or(0);
            let line = 1 + source.as_bytes()[..offset.min(source.len())]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            I18nError::Syntax(path.clone(), line)
        })?;
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry
                && !ids.insert(m.id.name.to_owned())
            {
                return Err(I18nError::Duplicate(path.clone(), m.id.name.to_owned()));
            }
        }
        bundle
            .add_resource(resource)
            .map_err(|_| I18nError::Duplicate(path.clone(), "(see file)".into()))?;
    }
    Ok((bundle, ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, lang: &str, text: &str) {
        std::fs::create_dir_all(dir.join(lang)).expect("dir");
        std::fs::write(dir.join(lang).join("buzon.ftl"), text).expect("file");
    }

    #[test]
    fn a_broken_or_incomplete_locale_stops_the_load_naming_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "es", "language-name = Español\nhola = Hola\n");
        assert!(Catalog::load(dir.path()).is_ok());
        write(dir.path(), "fr", "language-name = Français\n= broken\n");
        let err = Catalog::load(dir.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("fr/buzon.ftl") && err.contains("line 2"),
            "{err}"
        );
        write(dir.path(), "fr", "bonjour = Bonjour\n");
        let err = Catalog::load(dir.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("locale fr") && err.contains("language-name"),
            "{err}"
        );
        let empty = tempfile::tempdir().expect("tempdir");
        write(empty.path(), "en", "language-name = English\n");
        let err = Catalog::load(empty.path())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("Spanish"), "{err}");
    }

    #[test]
    fn spanish_fills_in_what_a_locale_lacks() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "es",
            "language-name = Español\nhola = Hola { $n }\n",
        );
        write(dir.path(), "en", "language-name = English\n");
        let cat = Catalog::load(dir.path()).expect("loads");
        let en = Lang::parse("en").expect("en");
        assert_eq!(
            cat.render(&en, &Text::msg("hola").with_str("n", "Ana")),
            "Hola Ana"
        );
        assert_eq!(cat.get(&en, "missing-everywhere"), "missing-everywhere");
    }
}
