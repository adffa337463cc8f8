# The core libraries' source lists, in one place: core/ builds its libraries from them and the
# fuzz project (fuzz/CMakeLists.txt) compiles the parsers from the same lists with clang and
# libFuzzer, so a new core file is never missing from either.
set(_core ${CMAKE_CURRENT_LIST_DIR})

# normlab_core: data, statistics, export. No Qt, no Torch, no network.
set(NORMLAB_CORE_SOURCES
  ${_core}/common/digest.cpp
  ${_core}/common/parallel.cpp
  ${_core}/common/utf8names.cpp
  ${_core}/data/formats/cifar/cifarbatch.cpp
  ${_core}/data/formats/cifar/cifarbinary.cpp
  ${_core}/data/formats/cifar/cifarlayout.cpp
  ${_core}/data/formats/cifar/cifarpython.cpp
  ${_core}/data/formats/cifar/cifarreader.cpp
  ${_core}/data/formats/cifar/cifarsplitstream.cpp
  ${_core}/data/formats/codecs/bmpcodec.cpp
  ${_core}/data/formats/codecs/bmpheader.cpp
  ${_core}/data/formats/codecs/jpegcodec.cpp
  ${_core}/data/formats/codecs/jpegmarkers.cpp
  ${_core}/data/formats/codecs/pixels.cpp
  ${_core}/data/formats/codecs/pngcodec.cpp
  ${_core}/data/formats/codecs/pnmcodec.cpp
  ${_core}/data/formats/codecs/pnmheader.cpp
  ${_core}/data/formats/codecs/stbload.cpp
  ${_core}/data/formats/codecs/tiffcodec.cpp
  ${_core}/data/formats/codecs/tifflayout.cpp
  ${_core}/data/formats/codecs/webpcodec.cpp
  ${_core}/data/catalog/datasetavailability.cpp
  ${_core}/data/catalog/datasetcatalog.cpp
  ${_core}/data/catalog/datasetlisting.cpp
  ${_core}/data/catalog/datasetlocator.cpp
  ${_core}/data/contentreader.cpp
  ${_core}/data/datasetopener.cpp
  ${_core}/data/imagesource.cpp
  ${_core}/data/splitstream.cpp
  ${_core}/common/filebytes.cpp
  ${_core}/data/hashedfile.cpp
  ${_core}/common/mappedfile.cpp
  ${_core}/data/formats/idx/idxarray.cpp
  ${_core}/data/formats/idx/idxsplitloader.cpp
  ${_core}/data/formats/idx/idxsplitstream.cpp
  ${_core}/data/formats/imagefolder/imagefolder.cpp
  ${_core}/data/labelgaps.cpp
  ${_core}/data/formats/numpy/npyarray.cpp
  ${_core}/data/formats/numpy/npyheader.cpp
  ${_core}/data/formats/numpy/npzarchive.cpp
  ${_core}/data/formats/numpy/numpydataset.cpp
  ${_core}/data/formats/numpy/numpysplitstream.cpp
  ${_core}/data/formats/pickle/picklebuilder.cpp
  ${_core}/data/formats/pickle/picklenumpy.cpp
  ${_core}/data/formats/pickle/picklereader.cpp
  ${_core}/data/formats/pickle/picklevalue.cpp
  ${_core}/data/formats/codecs/imagedecoder.cpp
  ${_core}/data/catalog/publishedcheck.cpp
  ${_core}/data/synthetic/digitstrokefont.cpp
  ${_core}/data/synthetic/syntheticdigits.cpp
  ${_core}/common/atomicfile.cpp
  ${_core}/export/npywriter.cpp
  ${_core}/export/recipesjson.cpp
  ${_core}/export/statsexport.cpp
  ${_core}/export/sumsexport.cpp
  ${_core}/export/torchvisionline.cpp
  ${_core}/stats/bytehistogram.cpp
  ${_core}/stats/channelsums.cpp
  ${_core}/stats/constantscheck.cpp
  ${_core}/stats/constantsseries.cpp
  ${_core}/stats/finehistogram.cpp
  ${_core}/stats/imagemoments.cpp
  ${_core}/stats/methodsummary.cpp
  ${_core}/stats/normalization.cpp
  ${_core}/stats/pixelsums.cpp
  ${_core}/stats/normalizetext.cpp
  ${_core}/stats/publishedconstants.cpp
  ${_core}/stats/splitpair.cpp
  ${_core}/stats/folderstats.cpp
  ${_core}/stats/statsaccumulator.cpp
  ${_core}/stats/statspart.cpp
  ${_core}/stats/statsengine.cpp
  ${_core}/stats/stdrecipes.cpp
  ${_core}/stats/streamstats.cpp
)

# The published Normalize constants ship as a data file (resources/published-constants.json),
# compiled in: generated into the including project's binary folder.
set(_constants_json ${_core}/../resources/published-constants.json)
file(READ ${_constants_json} NORMLAB_PUBLISHED_CONSTANTS_JSON)
configure_file(${_core}/stats/publishedconstantsdata.cpp.in ${CMAKE_CURRENT_BINARY_DIR}/publishedconstantsdata.cpp
               @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_constants_json})
list(APPEND NORMLAB_CORE_SOURCES ${CMAKE_CURRENT_BINARY_DIR}/publishedconstantsdata.cpp)

# normlab_train: configurations, data, results files and the engine loader need no Torch; the
# trainer does, and is built into the engine module (core/train/CMakeLists.txt).
set(NORMLAB_TRAIN_PLAIN_SOURCES
  ${_core}/train/config/configjson.cpp
  ${_core}/train/experiment/experimentfile.cpp
  ${_core}/train/experiment/experimentgrid.cpp
  ${_core}/train/experiment/lessonseeds.cpp
  ${_core}/train/script/pythonloop.cpp
  ${_core}/train/script/pythonscript.cpp
  ${_core}/train/script/pythonscriptparts.cpp
  ${_core}/train/script/pythonsource.cpp
  ${_core}/train/experiment/resultsexport.cpp
  ${_core}/train/script/scriptdata.cpp
  ${_core}/train/experiment/seedsummary.cpp
  ${_core}/train/config/trainconfig.cpp
  ${_core}/train/config/trainingdata.cpp
  ${_core}/train/config/trainresult.cpp
)
# The engine loader needs the build's version and paths (core/train/CMakeLists.txt); the fuzz
# project has no use for it.
set(NORMLAB_TRAIN_LOADER_SOURCES ${_core}/train/engine/engineloader.cpp)
set(NORMLAB_TRAIN_TORCH_SOURCES
  ${_core}/train/engine/comparisonrunner.cpp
  ${_core}/train/engine/models.cpp
  ${_core}/train/engine/torchruntime.cpp
  ${_core}/train/engine/trainer.cpp
)

# normlab_download: the manifest is plain JSON; the transfers need libcurl.
set(NORMLAB_DOWNLOAD_PLAIN_SOURCES ${_core}/download/manifest.cpp)
set(NORMLAB_DOWNLOAD_CURL_SOURCES
  ${_core}/download/archiveunpack.cpp
  ${_core}/download/downloader.cpp
  ${_core}/download/httptransfer.cpp
)

# normlab_session: what both front ends do with the libraries above — build an experiment, hold a
# comparison's results, write and read results and statistics files. No Torch, no Qt.
set(NORMLAB_SESSION_SOURCES
  ${_core}/session/comparisonresults.cpp
  ${_core}/session/datacheck.cpp
  ${_core}/session/epochtime.cpp
  ${_core}/session/experimentbuilder.cpp
  ${_core}/session/resultsfiles.cpp
)
