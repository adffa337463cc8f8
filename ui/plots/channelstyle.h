#pragma once

#include <vector>

#include <QColor>
#include <QString>

namespace normlab {

// How every view names and colours the channels of an image, so a histogram's red series, a
// table's "R" and a probe's "R" always mean the same plane. Three or more channels are shown as
// RGB (a fourth, e.g. alpha, is named but never drawn); one or two as grey, the first channel.
inline constexpr int kRgbChannels = 3;

bool showsAsRgb(int channels);
// "R", "G", "B" for colour images, "ch 1" for the others, empty for a single channel.
QString channelName(int channel, int channels);
// "R / G / B": the order of channelValues(); empty for a single channel.
QString channelList(int channels);
// Red, green and blue for colour images; grey otherwise.
QColor channelColor(int channel, int channels);
// One value per channel, "0.4914 / 0.4822 / 0.4465", in channel order.
QString channelValues(const std::vector<double>& values, int decimals);

} // namespace normlab
