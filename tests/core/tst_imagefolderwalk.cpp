// An image folder's walk and names: links to folders and images are followed as torchvision follows them,
// but each real folder and file at most once. A class folder linking to its parent made a 250-image
// split report 10,250 images, silently; a link to a sibling class counted its images twice.
#include <filesystem>

#include <QTemporaryDir>
#include <QtTest>

#include "core/common/utf8names.h"
#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/export/statsexport.h"
#include "core/stats/statsengine.h"
#include "tests/support/testdata.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

// A 2x2 grey PGM: a real image file the decoder reads.
void writePgm(const fs::path& path, std::uint8_t value) {
    std::vector<std::uint8_t> bytes = {'P', '5', '\n', '2', ' ', '2', '\n', '2', '5', '5', '\n'};
    bytes.insert(bytes.end(), 4, value);
    test::writeBytes(path, bytes);
}

} // namespace

class TestImageFolderWalk : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void linksCountEveryRealFileOnce() {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        fs::create_directories(root / "a" / "inner");
        fs::create_directories(root / "b");
        writePgm(root / "a" / "1.pgm", 10);
        writePgm(root / "a" / "2.pgm", 20);
        writePgm(root / "a" / "inner" / "3.pgm", 30);
        writePgm(root / "b" / "4.pgm", 40);
        writePgm(root / "b" / "5.pgm", 50);
        fs::create_directory_symlink("..", root / "a" / "loop");           // the split itself, again and again
        fs::create_directory_symlink(".", root / "a" / "inner" / "self");  // a folder inside itself
        fs::create_directory_symlink("../b", root / "a" / "sibling");      // another class's folder
        fs::create_symlink("../b/4.pgm", root / "a" / "linked.pgm");      // another class's image
        // A folder outside the split, linked once: its images belong to the class that links it.
        const fs::path outside = fs::path(tmp.path().toStdString()).parent_path() /
                                 (fs::path(tmp.path().toStdString()).filename().string() + "-extra");
        fs::create_directories(outside);
        writePgm(outside / "6.pgm", 60);
        fs::create_directory_symlink(outside, root / "b" / "extra");
        fs::create_directory_symlink(outside, root / "b" / "extra-again");

        const ImageFolderSplit split = listImageFolder(root, "train");
        QCOMPARE(split.classes, (std::vector<std::string>{"a", "b"}));
        std::vector<std::string> names;
        std::vector<int> labels;
        for (const auto& f : split.files) {
            names.push_back(f.path.lexically_relative(root).string());
            labels.push_back(f.label);
        }
        QCOMPARE(names, (std::vector<std::string>{"a/1.pgm", "a/2.pgm", "a/inner/3.pgm", "b/4.pgm", "b/5.pgm",
                                                  "b/extra/6.pgm"}));
        QCOMPARE(labels, (std::vector<int>{0, 0, 0, 1, 1, 1}));
        QCOMPARE(split.skippedLinks.size(), std::size_t(5)); // loop, self, sibling, linked.pgm, extra-again

        // The export says so, naming the links.
        const ImageSet set = describeImageFolder(split, 0);
        bool said = false;
        for (const auto& note : set.notes)
            said = said || (note.find("skipped 5 link(s)") != std::string::npos && note.find("a/loop -> ..") != std::string::npos);
        QVERIFY(said);
        QCOMPARE(set.sources.at(0).published, std::string("6 image files in 2 class folders"));
        fs::remove_all(outside);
    }

    // Bytes that are not UTF-8 become "\xNN"; valid UTF-8 (2-, 3- and 4-byte) stays as it is.
    void namesBecomeValidUtf8OneWay() {
        QCOMPARE(utf8Name("caf\xe9"), std::string("caf\\xe9"));
        QCOMPARE(utf8Name("café 猫 🐈"), std::string("café 猫 🐈"));
        QCOMPARE(utf8Name("\xc0\xaf"), std::string("\\xc0\\xaf"));         // overlong '/'
        QCOMPARE(utf8Name("\xed\xa0\x80"), std::string("\\xed\\xa0\\x80")); // a surrogate
        QCOMPARE(utf8Name("ab\xe7\x8c"), std::string("ab\\xe7\\x8c"));      // cut off at the end
        QCOMPARE(utf8Name(""), std::string());
    }

    // A Latin-1 class folder (older archives): the data set opens, its statistics export as JSON
    // and CSV (they failed with "[json.exception.type_error.316] incomplete UTF-8 string"), and the
    // class is named one way everywhere.
    void aLatin1ClassFolderWorks() {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        const std::string cafe = "caf\xe9";
        fs::create_directories(root / cafe);
        fs::create_directories(root / "dog");
        writePgm(root / cafe / "p\xe9.pgm", 10);
        writePgm(root / "dog" / "1.pgm", 200);
        const ImageFolderSplit split = listImageFolder(root, "train");
        QCOMPARE(split.files.size(), std::size_t(2));
        const ImageSet set = loadImageFolder(split, {});
        QCOMPARE(set.classNames, (std::vector<std::string>{"caf\\xe9", "dog"}));
        const SplitStats stats = computeStats(set);
        const std::string json = statsToJson(stats);
        QVERIFY(json.find("\"name\": \"caf\\\\xe9\"") != std::string::npos);
        QVERIFY(statsToCsv(stats).find("caf\\xe9") != std::string::npos);
    }

    void aFolderWithoutLinksHasNoNote() {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        fs::create_directories(root / "a");
        writePgm(root / "a" / "1.pgm", 10);
        const ImageFolderSplit split = listImageFolder(root, "train");
        QVERIFY(split.skippedLinks.empty());
        QCOMPARE(describeImageFolder(split, 0).notes.size(), std::size_t(1)); // the conversion note only
    }
};

QTEST_GUILESS_MAIN(TestImageFolderWalk)
#include "tst_imagefolderwalk.moc"
