//! `cargo run -p sdkgen-typescript --example generate -- SPEC OUT [NAME]`: the TypeScript
//! emitter alone (without the CLI), for iterating on the emitter.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(spec), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: generate SPEC OUT [NAME]");
        std::process::exit(2);
    };
    let loaded = match sdkgen_core::load_path(std::path::Path::new(spec)) {
        Ok(l) => l,
        Err(f) => {
            for d in f.diagnostics {
                eprintln!("{d}");
            }
            std::process::exit(1);
        }
    };
    let files = sdkgen_typescript::generate(&loaded.api, args.get(2).map(String::as_str));
    let out = std::path::Path::new(out);
    for f in &files {
        let path = out.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &f.contents).expect("write");
    }
    println!("wrote {} files to {}", files.len(), out.display());
}
