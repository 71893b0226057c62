// Scan requests from the module to scannedonlyd.
#pragma once

#include "samba.hpp"

#include "scannedonly/protocol.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace scannedonly_vfs {

struct ConnState;
struct Listing;

// The absolute path of a share-relative path ("." is the share root).
std::string share_path(const ConnState& state, std::string_view relative);

// The absolute path of `name` in the directory `dirfsp`.
std::string entry_path(const ConnState& state, const files_struct* dirfsp,
                       std::string_view name);

// Sends one request right away; Priority::Open only when a client waits on
// the answer (see protocol.hpp).
void notify_path(ConnState& state, const std::string& absolute,
                 scannedonly::Priority priority = scannedonly::Priority::Normal);

// Queues a listing's request (Normal or Rescan); full batches go out at once.
void queue_for_scan(ConnState& state, Listing& listing, const std::string& absolute,
                    scannedonly::Priority priority);

// Sends what a listing still holds.
void flush_listing(ConnState& state, Listing& listing);

}  // namespace scannedonly_vfs
