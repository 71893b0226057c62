// What the daemon has done since it started; read by the status line.
#pragma once

#include <atomic>
#include <cstdint>

namespace scannedonlyd {

struct Counters {
    std::atomic<std::uint64_t> scanned{0};    // verdicts written
    std::atomic<std::uint64_t> clean{0};
    std::atomic<std::uint64_t> infected{0};
    std::atomic<std::uint64_t> failed{0};
    std::atomic<std::uint64_t> exceeded{0};   // not scanned completely (ExceedsMaxAction)
    std::atomic<std::uint64_t> bytes{0};      // bytes of files scanned
    std::atomic<std::uint64_t> dropped{0};    // requests refused by a full queue
    std::atomic<std::uint64_t> malformed{0};  // lines refused by the protocol parser
    std::atomic<std::uint64_t> ignored{0};    // outside the scan roots or excluded
    // Markers older than the signatures in use, and files given a new verdict after one.
    std::atomic<std::uint64_t> outdated_seen{0};
    std::atomic<std::uint64_t> outdated_rescanned{0};
};

}  // namespace scannedonlyd
