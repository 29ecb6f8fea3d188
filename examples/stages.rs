use std::time::Instant;
fn main() {
    let p = std::path::Path::new("/tmp/big.txt");
    let t = Instant::now();
    let bytes = std::fs::read(p).unwrap();
    println!("read {:?}", t.elapsed());
    let t = Instant::now();
    let s = String::from_utf8(bytes).unwrap();
    println!("utf8 {:?}", t.elapsed());
    let t = Instant::now();
    let d =
        lesepult::document::parse_str(s, lesepult::document::Origin::File(p.into()), "x", false);
    println!("parse {:?} blocks {}", t.elapsed(), d.blocks.len());
    let t = Instant::now();
    let h = lesepult::document::fnv1a(d.text.as_bytes());
    println!("hash {:?} {h}", t.elapsed());
    let t = Instant::now();
    let app = lesepult::app::App::new(d, lesepult::config::Config::builtin().unwrap(), 120, 40);
    println!("app {:?} {}", t.elapsed(), app.percent());
}
