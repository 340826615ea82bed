//! Starts the mock Defender API on loopback and prints the URL to open.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use missing_kbs_mock_api::{app, fixtures, hostile, MockConfig};

const USAGE: &str =
    "usage: missing-kbs-mock-api [--port N] [--dist DIR] [--examples DIR] [--slow-ms N] [--hostile CASES.json] [--allow-origin ORIGIN]...

Serves the mock Defender for Endpoint API on 127.0.0.1 (port 0 picks a free one),
with --dist the built widget at /, and with --examples the embedding examples at
/examples/; pages are served under a strict Content Security Policy.";

struct Args {
    port: u16,
    config: MockConfig,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args { port: 8787, config: MockConfig::default() };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                parsed.port = value()?.parse().map_err(|_| "--port takes a number from 0 to 65535".to_owned())?
            }
            "--dist" => parsed.config.dist = Some(PathBuf::from(value()?)),
            "--examples" => parsed.config.examples = Some(PathBuf::from(value()?)),
            "--slow-ms" => {
                let ms = value()?.parse().map_err(|_| "--slow-ms takes a number of milliseconds".to_owned())?;
                parsed.config.slow_delay = Duration::from_millis(ms);
            }
            "--allow-origin" => parsed.config.allowed_origins.push(value()?),
            "--hostile" => parsed.config.hostile = hostile::load(&PathBuf::from(value()?))?,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(parsed)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(dist) = &args.config.dist {
        if !dist.join("index.html").is_file() {
            eprintln!("error: {} has no index.html; build the widget first (trunk build --release)", dist.display());
            return ExitCode::FAILURE;
        }
    }
    let listener = match tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port))).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {error}", args.port);
            return ExitCode::FAILURE;
        }
    };
    let address = listener.local_addr().expect("a bound listener has an address");
    println!("Mock Defender API listening on http://{address}");
    if args.config.dist.is_some() {
        println!("Open the widget: http://{address}/ (the software finder; type windows 10 and choose it)");
    }
    if args.config.examples.is_some() {
        println!("Embedding example (strict CSP): http://{address}/examples/strict-csp.html");
        println!("Portal example, without a sign-in: http://{address}/examples/portal.html?demo");
    }
    println!("Known software IDs: {}", fixtures::known_ids().collect::<Vec<_>>().join(", "));
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(error) = axum::serve(listener, app(args.config)).with_graceful_shutdown(shutdown).await {
        eprintln!("error: the server stopped: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
