//! `cargo run -p sdkgen-csharp --example gen -- <spec> <out-dir>`: generates the C# SDK of
//! one spec (for working on the emitter without the CLI).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: gen <spec> <out-dir>");
        std::process::exit(2);
    }
    let loaded = match sdkgen_core::load_path(std::path::Path::new(&args[1])) {
        Ok(l) => l,
        Err(_) => {
            eprintln!("{} does not load", args[1]);
            std::process::exit(1);
        }
    };
    let out = std::path::Path::new(&args[2]);
    let _ = std::fs::remove_dir_all(out);
    let start = std::time::Instant::now();
    let files = sdkgen_csharp::generate(&loaded.api, None);
    eprintln!(
        "generated {} files in {:.3}s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    for f in files {
        let p = out.join(&f.path);
        std::fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&p, &f.contents).expect("write");
    }
}
