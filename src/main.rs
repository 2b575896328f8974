//! The `buzon` binary: everything lives in the library; see `buzon --help`.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match buzon::cli::run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("buzon: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
