#pragma once
// The process-wide libsecp256k1 context (used by the chain .cpp files only).
#include <secp256k1.h>

namespace polycopy::chain::detail {

// Created and randomised (side-channel blinding) once, on first use; read-only afterwards,
// so signing and recovery may use it from any number of threads at once.
const secp256k1_context* secp256k1_ctx();

}  // namespace polycopy::chain::detail
