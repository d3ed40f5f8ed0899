#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| nianbao_fuzz::targets::html(data));
