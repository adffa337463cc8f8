#pragma once
// Private to core/train: includes Torch.

#include <string>

#include <torch/torch.h>

namespace normlab {

// The networks NormLab trains, for C x H x W inputs and `classes` outputs:
// lesson-cnn: conv 1->6 (5x5), ReLU, max-pool 2, conv 6->12 (5x5), ReLU, max-pool 2, flatten
//             (192 for 28x28), fc 120, ReLU, fc 60, ReLU, fc 10 — the lesson's network;
// lesson-cnn-bn: lesson-cnn with batch norm after each conv and hidden linear layer (before
//             the ReLU), for "input normalization vs batch normalization vs both";
// mlp:        784 -> 128 -> 10 with ReLU;
// lenet5:     conv 6 (5x5, pad 2), ReLU, max-pool, conv 16 (5x5), ReLU, max-pool, fc 120, 84, 10;
// cifar-cnn:  two blocks of two 3x3 convs (32, then 64 channels) with ReLU and max-pool 2, fc 256,
//             128 — sized for CIFAR's 3x32x32 photographs, where lesson-cnn's 6 filters are too few.
// Every network adapts its first layer to the data's channels and its head to the image size.
// Throws Error when the input is too small for the network.
torch::nn::Sequential buildModel(const std::string& name, int channels, int height, int width, int classes);

} // namespace normlab
