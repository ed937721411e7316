module github.com/sdkgen/contract-go

go 1.24

require github.com/sdkgen/video-transcriber-go v0.0.0

replace github.com/sdkgen/video-transcriber-go => ../../../sdks/go
