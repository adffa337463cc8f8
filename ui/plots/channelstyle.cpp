#include "ui/plots/channelstyle.h"

#include <cmath>

#include <QStringList>

namespace normlab {

bool showsAsRgb(int channels) {
    return channels >= kRgbChannels;
}

QString channelName(int channel, int channels) {
    if (channels == 1) return {};
    static const char* const rgb[] = {"R", "G", "B"};
    if (showsAsRgb(channels) && channel < kRgbChannels) return QString::fromLatin1(rgb[channel]);
    return QStringLiteral("ch %1").arg(channel);
}

QString channelList(int channels) {
    QStringList names;
    for (int c = 0; c < channels && channels > 1; ++c)
        names << channelName(c, channels);
    return names.join(QStringLiteral(" / "));
}

QColor channelColor(int channel, int channels) {
    static const QColor rgb[] = {QColor(210, 40, 40), QColor(30, 150, 60), QColor(40, 80, 210)};
    if (showsAsRgb(channels) && channel < kRgbChannels) return rgb[channel];
    return QColor(90, 90, 90);
}

QString channelValues(const std::vector<double>& values, int decimals) {
    QStringList parts;
    const double zero = 0.5 * std::pow(10.0, -decimals); // below it "-0.0000" would be printed
    for (double v : values)
        parts << QString::number(std::abs(v) < zero ? 0.0 : v, 'f', decimals);
    return parts.join(QStringLiteral(" / "));
}

} // namespace normlab
