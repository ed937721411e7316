fn main() -> std::process::ExitCode {
    vtserver::cli::main()
}
