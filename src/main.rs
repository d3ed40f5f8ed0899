//! Natively the `nianbao` command-line tool; compiled to wasm32 by trunk, the web app.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao::app::start();
}
