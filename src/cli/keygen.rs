//! `buzon keygen`: an age identity for an org member, in the standard age identity format.

use std::io::Write;
use std::path::Path;

use age::secrecy::ExposeSecret;
use anyhow::Context;

pub fn run(out: &Path) -> anyhow::Result<()> {
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let mut f = crate::crypto::create_private_file(out)
        .with_context(|| format!("{}: cannot create (it must not exist yet)", out.display()))?;
    writeln!(f, "# public key: {recipient}")?;
    writeln!(f, "{}", identity.to_string().expose_secret())?;
    f.sync_all()?;
    println!("{recipient}");
    Ok(())
}
