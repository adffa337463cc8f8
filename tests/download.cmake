# Downloader tests: a real HTTP server on 127.0.0.1 (tests/support/mirror_server.py); never the internet.
normlab_add_test(tst_downloader core download/tst_downloader.cpp)
target_link_libraries(tst_downloader PRIVATE normlab_download)
normlab_add_test(tst_clidownload core cli/tst_clidownload.cpp)
add_dependencies(tst_clidownload normlab-cli)
normlab_add_test(tst_faults core core/tst_faults.cpp)
target_link_libraries(tst_faults PRIVATE normlab_download)
