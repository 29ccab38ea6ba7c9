total:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 38                          jb short 0x000000000000010E
      d6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      da:  72 32                          jb short 0x000000000000010E
      dc:  48 85 f6                       test rsi,rsi
      df:  7f 21                          jg short 0x0000000000000102
      e1:  b8 00 00 00 00                 mov eax,0
      e6:  eb 15                          jmp short 0x00000000000000FD
      e8:  0f b6 14 07                    movzx edx,byte ptr [rdi+rax]
      ec:  48 01 d1                       add rcx,rdx
      ef:  70 2a                          jo short 0x000000000000011B
      f1:  48 8d 40 01                    lea rax,[rax+1]
      f5:  48 39 f0                       cmp rax,rsi
      f8:  7c ee                          jl short 0x00000000000000E8
      fa:  48 89 c8                       mov rax,rcx
      fd:  49 83 c6 01                    add r14,1
     101:  c3                             ret
     102:  b8 00 00 00 00                 mov eax,0
     107:  b9 00 00 00 00                 mov ecx,0
     10c:  eb da                          jmp short 0x00000000000000E8
     10e:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     116:  e9 58 ff ff ff                 jmp 0x0000000000000073
     11b:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     123:  e9 4b ff ff ff                 jmp 0x0000000000000073

