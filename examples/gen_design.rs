//! Writes a generated benchmark design to a file, for timing `napkin score`
//! as a whole process at sizes the in-process benchmarks also use:
//!
//! ```sh
//! cargo run --release --example gen_design -- 10000 20 /tmp/gen-10k.napkin.yaml
//! /usr/bin/time -v target/release/napkin score /tmp/gen-10k.napkin.yaml
//! ```

#[path = "../benches/common/generated.rs"]
mod generated;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, clients, path] = args.as_slice() else {
        return Err("usage: gen_design COMPONENTS CLIENTS FILE".into());
    };
    let design = generated::generated(n.parse()?, clients.parse()?);
    let text = napkin::io::load::design_to_yaml(&design)?;
    std::fs::write(path, text)?;
    Ok(())
}
