//! The `buzon` binary: everything lives in the library; see `buzon --help`.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match buzon::cli::run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // An error may carry a server's words: printed without control characters.
            eprintln!(
                "buzon: {}",
                buzon::domain::strip_controls(&format!("{e:#}"))
            );
            std::process::ExitCode::FAILURE
        }
    }
}
