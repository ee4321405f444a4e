// The knowledge base is embedded with include_dir!, which cargo cannot see into:
// rebuild whenever anything under knowledge/ changes.
fn main() {
    println!("cargo:rerun-if-changed=knowledge");
}
