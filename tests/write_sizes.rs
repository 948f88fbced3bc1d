//! Bodies reach their files in large writes: libcurl hands a body over in pieces of at most
//! 16 KiB, and a write system call per piece costs more than gathering them (the parallel
//! download's staging buffers, get-to-file's buffered writer). Counted with `syscw` from
//! /proc/self/io, which counts the whole process: this binary has one test, so nothing else
//! writes meanwhile.

mod common;

use common::*;
use oss_c_sdk::object;

/// Write system calls this process has made so far.
fn write_calls() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").expect("/proc/self/io");
    io.lines().find_map(|l| l.strip_prefix("syscw: ")).and_then(|n| n.trim().parse().ok()).expect("syscw")
}

/// Write calls made while `f` runs.
fn writes_during(f: impl FnOnce()) -> u64 {
    let before = write_calls();
    f();
    write_calls() - before
}

#[test]
fn sixteen_mib_take_hundreds_of_writes_not_a_thousand() {
    // 16 MiB in 16 KiB pieces would be 1,024 writes (measured: 1,033 and 1,028 without
    // gathering); in 128 KiB writes about 128.
    let fx = Fixture::start();
    let data = content(16 << 20, 12);
    fx.put("big", &data);
    let client = fx.client();

    let parallel = fx.path("parallel");
    let d = download(object("big"), &parallel, 4 << 20, 3, None);
    let writes = writes_during(|| {
        run(&client, &d).unwrap();
    });
    assert_eq!(sha256_file(&parallel), sha256(&data));
    assert!(writes < 400, "resumable download: {writes} write calls for 16 MiB");

    let single = fx.path("single");
    let writes = writes_during(|| {
        object::get_object_to_file(&client, &mut client.session().unwrap(), &object("big"), &single, true, None)
            .unwrap();
    });
    assert_eq!(sha256_file(&single), sha256(&data));
    assert!(writes < 400, "get_object_to_file: {writes} write calls for 16 MiB");
}
