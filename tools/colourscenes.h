#pragma once

#include <QString>

namespace normlab {

// Writes a small colour image folder for the screenshots, offline: 32x32 PNG scenes of eight
// classes (day sky, sunset, night, sea, forest, desert, snow, fog), each drawn with a random
// horizon, sun or moon and noise, in ROOT/train/<class>/ and ROOT/test/<class>/. A stand-in for
// CIFAR, which is not on a fresh machine: its channels differ in mean as photographs' do.
bool writeColourScenes(const QString& root, int trainPerClass, int testPerClass);

} // namespace normlab
