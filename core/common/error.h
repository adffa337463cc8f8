#pragma once

#include <stdexcept>
#include <string>

namespace normlab {

// Every problem with outside input (files, arguments, network) is reported as an Error whose
// message already names the thing and the problem, so front ends can print it as one line.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Thrown when a stop token was honoured; front ends treat it as "cancelled", not as a failure.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace normlab
