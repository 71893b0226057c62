// Which extended attributes hold data a client can read as a named stream.
//
// streams_xattr keeps each named stream of a file in one attribute of the
// user namespace ("user.DosStream.NAME:$DATA" by default; the prefix can be
// configured), and fruit keeps Mac metadata and resource forks there too. So
// the daemon scans every user.* attribute with the file: one verdict covers
// the file and its streams, and since writing an attribute changes the
// file's ctime, a change to any of them makes the verdict stale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

// The stream-holding names in a listxattr(2) result (NUL-separated names).
std::vector<std::string> stream_attribute_names(std::string_view listxattr_result);

}  // namespace scannedonly
