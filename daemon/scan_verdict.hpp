// How one libclamav scan's result code and callbacks make a verdict: apart
// from the engine, so that unit tests reach it without signatures.
#pragma once

#include "engine.hpp"

#include <clamav.h>

#include <string>

namespace scannedonlyd {

// What libclamav's callbacks tell about one scan. libclamav 1.4 leaves
// cl_scandesc's virname NULL for heuristic alerts unless a virus-found
// callback is set; the callback always gets the name. And some failures
// (e.g. no temporary directory) are only logged while the scan still
// returns CL_CLEAN, so an error message during a scan fails it.
struct Alerts {
    std::string virus;
    bool error = false;
    std::string failure;   // ours: the file could not be read
    std::string top_type;  // what libclamav took the scanned data for
};

// Fails closed: only CL_CLEAN without any error is clean, and a file that
// exceeded a limit is LimitsExceeded (ExceedsMaxAction decides), not
// infected.
ScanResult verdict(cl_error_t rc, const Alerts& alerts);

}  // namespace scannedonlyd
