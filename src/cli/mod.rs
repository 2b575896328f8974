//! The `buzon` command line: thin wrappers that parse arguments and call the library.

mod chat;
mod client;
mod inbox;
mod keygen;
pub mod loadtest;
mod markdown;
mod org;
mod routing;
mod serve;
mod shelter;
mod telegram;

pub use chat::{twiml_message, twiml_messages};

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{DEFAULT_CONFIG, Settings};

#[derive(Parser)]
#[command(
    name = "buzon",
    version,
    about = "Buzón: sealed complaints over SMS and Telegram"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gateway (SQLite and a development config by default).
    Serve {
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
        /// Address and port to listen on (e.g. 0.0.0.0:8080), instead of the config's `listen`.
        #[arg(long, value_name = "ADDR")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Make an age identity for an org member; prints its public key (age1…).
    Keygen {
        /// Where to write the identity (created with mode 0600; never overwritten).
        #[arg(long)]
        out: PathBuf,
    },
    /// Manage receiving orgs.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Check the routing file before going live.
    Routing {
        #[command(subcommand)]
        command: RoutingCommand,
    },
    /// Enrol and manage the volunteers of shelters that file with people (intermediaries).
    Shelter {
        #[command(subcommand)]
        command: ShelterCommand,
    },
    /// Download and decrypt an org's cases on the org's own machine.
    Inbox {
        #[command(subcommand)]
        command: InboxCommand,
    },
    /// Drive authentic SMS or Telegram conversations against a running server and measure them.
    Loadtest {
        #[arg(long)]
        server: String,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
        #[arg(long, default_value_t = 1000)]
        conversations: u64,
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
        /// `telegram` needs the server's `[telegram] api_url` on loopback: the generator
        /// stands in for the Bot API there.
        #[arg(long, value_enum, default_value = "sms")]
        channel: loadtest::Channel,
        /// Attack traffic alongside the conversations, on as many connections per kind;
        /// several kinds at once with commas (`forged,one-sender`).
        #[arg(long, value_enum, value_delimiter = ',')]
        attack: Vec<loadtest::Attack>,
        /// Send the same number of requests to `/livez` instead: the HTTP stack's ceiling.
        #[arg(long)]
        ceiling: bool,
        /// Also write the figures as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// A consistent copy of the live SQLite database (keep data/server.secret with it).
    Backup {
        /// The file to write (mode 0600); it must not exist.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
    /// Telegram bot administration.
    Telegram {
        #[command(subcommand)]
        command: TelegramCommand,
    },
    /// A terminal phone: type as an SMS sender and read Buzón's replies.
    Chat {
        /// Base URL of a running Buzón, e.g. http://127.0.0.1:8080
        #[arg(long)]
        server: String,
        /// The config whose SMS auth token signs the requests.
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
        /// The phone number to pretend to be (a random test number by default).
        #[arg(long)]
        from: Option<String>,
    },
}

#[derive(Subcommand)]
enum RoutingCommand {
    /// Print where sample cases go, and warn about rules or a fallback that can never match.
    Check {
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Issue a new API token for an org; it is printed once and stored only hashed.
    Token {
        org_id: String,
        /// `inbox`: the recipient API (cases, envelopes, ack). `shelter-form`: the shelters'
        /// web form only (file and follow-up), for an intermediary org.
        #[arg(long, default_value = "inbox", value_parser = org::parse_scope)]
        scope: crate::domain::TokenScope,
        /// A note to tell tokens apart (1-64 characters of plain text). Never a person's name.
        #[arg(long, value_parser = org::parse_label)]
        label: Option<crate::domain::TokenLabel>,
        /// Write the token to this new file (mode 0600) instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
    /// List an org's tokens: id, day issued, scope, label (never the token).
    Tokens {
        org_id: String,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
    /// Revoke a token: every instance refuses it at once, and its web sessions end.
    Revoke {
        token_id: String,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
    /// List the orgs of the routing file.
    List {
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
}

#[derive(Subcommand)]
enum ShelterCommand {
    /// Print a one-time enrolment code for a volunteer (valid 24 hours, stored only hashed).
    Invite {
        org_id: String,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
    /// List enrolled volunteers (a random id and the day each enrolled; nothing else is kept).
    List {
        /// Only this shelter's.
        org_id: Option<String>,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
    /// Revoke a volunteer: they become an ordinary reporter again.
    Revoke {
        volunteer_id: String,
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
}

#[derive(Subcommand)]
enum TelegramCommand {
    /// Register <public_url>/webhooks/telegram with the secret, and the command menu.
    SetWebhook {
        #[arg(long, default_value = DEFAULT_CONFIG)]
        config: PathBuf,
    },
}

#[derive(Subcommand)]
enum InboxCommand {
    /// Fetch new envelopes, decrypt them here, write complaint.json and complaint.md, ack.
    Pull {
        #[arg(long)]
        server: String,
        /// File holding the org's API token.
        #[arg(long)]
        token_file: PathBuf,
        /// The org member's age identity file (from `buzon keygen` or `age-keygen`).
        #[arg(long)]
        identity: PathBuf,
        /// Folder to write cases into, one subfolder per case.
        #[arg(long)]
        out: PathBuf,
        /// Language of complaint.md (headings and code labels); complaint.json keeps codes and
        /// the reporter's own words.
        #[arg(long, default_value = "es")]
        lang: String,
    },
    /// For a shelter: delivery and acknowledgement, per body, of the cases it filed.
    Status {
        #[arg(long)]
        server: String,
        /// File holding the shelter's API token.
        #[arg(long)]
        token_file: PathBuf,
    },
}

/// Runs the command line; returns the process exit code.
pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { config, listen } => serve::run(config, listen).await,
        Command::Keygen { out } => keygen::run(&out),
        Command::Routing {
            command: RoutingCommand::Check { config },
        } => routing::check(&config).await,
        Command::Org { command } => match command {
            OrgCommand::Token {
                org_id,
                scope,
                label,
                out,
                config,
            } => org::token(&config, &org_id, scope, label, out.as_deref()).await,
            OrgCommand::Tokens { org_id, config } => org::tokens(&config, &org_id).await,
            OrgCommand::Revoke { token_id, config } => org::revoke(&config, &token_id).await,
            OrgCommand::List { config } => org::list(&config).await,
        },
        Command::Inbox {
            command:
                InboxCommand::Pull {
                    server,
                    token_file,
                    identity,
                    out,
                    lang,
                },
        } => inbox::pull(&server, &token_file, &identity, &out, &lang).await,
        Command::Inbox {
            command: InboxCommand::Status { server, token_file },
        } => inbox::status(&server, &token_file).await,
        Command::Shelter { command } => match command {
            ShelterCommand::Invite { org_id, config } => shelter::invite(&config, &org_id).await,
            ShelterCommand::List { org_id, config } => {
                shelter::list(&config, org_id.as_deref()).await
            }
            ShelterCommand::Revoke {
                volunteer_id,
                config,
            } => shelter::revoke(&config, &volunteer_id).await,
        },
        Command::Backup { out, config } => backup(&config, &out).await,
        Command::Loadtest {
            server,
            config,
            conversations,
            concurrency,
            channel,
            attack,
            ceiling,
            json,
        } => loadtest::run(loadtest::Options {
            server: &server,
            config: &config,
            conversations,
            concurrency: concurrency.max(1),
            channel,
            attack,
            ceiling,
            json: json.as_deref(),
        })
        .await
        .map(|_| ()),
        Command::Chat {
            server,
            config,
            from,
        } => chat::run(&server, &config, from).await,
        Command::Telegram {
            command: TelegramCommand::SetWebhook { config },
        } => telegram::set_webhook(&config).await,
    }
}

async fn backup(config: &std::path::Path, out: &std::path::Path) -> anyhow::Result<()> {
    if out.exists() {
        anyhow::bail!("{}: already exists; choose a new file", out.display());
    }
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    app.store.backup(out).await?;
    app.store.close().await;
    println!("backup written to {}", out.display());
    eprintln!(
        "Back up the server secret ({}) too, and store it apart from this file: without it \
         receipts and drafts cannot be used; beside it, it lets a thief test guesses of phone numbers.",
        app.settings.data_dir.join("server.secret").display()
    );
    Ok(())
}
